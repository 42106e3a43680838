//! LibreOffice as the tests' reader of our DOCX: the office suite secretaries open it with
//! must accept the package and lay it out. `.ci/run` installs it; without it the tests say so
//! and skip.

use std::process::Command;

/// The text of each page LibreOffice lays `docx` out on (converted to PDF, read back with
/// pdftotext); `None`, said on stdout, when LibreOffice or pdftotext is not installed.
pub fn pages(docx: &[u8]) -> Option<Vec<String>> {
    let on_path = |p: &str| {
        std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(p).is_file()))
    };
    let Some(office) = ["soffice", "libreoffice"].into_iter().find(|p| on_path(p)) else {
        println!("LibreOffice no está instalado (.ci/run lo instala): se omite la prueba");
        return None;
    };
    if !on_path("pdftotext") {
        println!("pdftotext no está instalado (.ci/run lo instala): se omite la prueba");
        return None;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let input = dir.path().join("documento.docx");
    std::fs::write(&input, docx).expect("write");
    // A profile of its own, so a running LibreOffice or another test does not lock it.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("perfil").display());
    let run = Command::new(office)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("run LibreOffice");
    let pdf = dir.path().join("documento.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF"), "LibreOffice did not lay it out: {run:?}");
    let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    // pdftotext ends every page with a form feed.
    Some(text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(String::from).collect())
}
