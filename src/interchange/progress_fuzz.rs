//! Property tests of the readers: whatever the bytes, no panic; and a refused file leaves the
//! database as it was. The cases come from a small deterministic generator (xorshift) rather
//! than proptest, which would add half a dozen crates to build on a 2-core machine for what
//! fits in a few lines here; a failing case is reproduced from its seed, printed on failure.

use super::tests::{header_row, import, inline, snapshot, xlsx};
use super::*;
use crate::store::Store;

/// xorshift64*: deterministic, good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// Pieces CSV cells are made of: good values, near misses, and bytes that are not UTF-8.
const CSV_PIECES: &[&[u8]] = &[
    b"CITDP/SO-21/2024/03",
    b"CITDP/SO-21/2024/05",
    b"CORETT/SO-6/2025/02",
    b"NO/EXISTE",
    b"2024-03-08",
    b"15/04/2024",
    b"1899-12-31",
    b"9999-12-31",
    b"2024-02-30",
    b"40",
    b"100",
    b"0.4",
    b"-1",
    b"1e400",
    b"NaN",
    b"40 %",
    b"SRE",
    b"informe",
    b"Oficio 1",
    b"Comisi\xc3\xb3n",
    b"Comisi\xf3n",
    b"\xff\xfe",
    b"\"",
    b"\"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"",
    b" ",
];

fn random_csv(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.below(4) > 0 {
        out.extend_from_slice(b"acuerdo,fecha,avance,porcentaje,institucion,tipo_evidencia,evidencia,motivo\n");
    }
    for _ in 0..rng.below(12) {
        for c in 0..rng.below(10) {
            if c > 0 {
                out.push(b',');
            }
            for _ in 0..rng.below(3) {
                out.extend_from_slice(rng.pick(CSV_PIECES));
            }
        }
        out.push(b'\n');
    }
    if rng.below(8) == 0 {
        // Now and then, plain noise.
        out = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
    }
    out
}

/// Cell XML, good and bad: references beyond Excel's grid or overflowing, unknown types,
/// shared strings that do not exist, styles out of range, values that are not numbers.
const XLSX_CELLS: &[&str] = &[
    "<c r=\"A{r}\" t=\"inlineStr\"><is><t>CITDP/SO-21/2024/03</t></is></c>",
    "<c r=\"B{r}\" t=\"inlineStr\"><is><t>2024-03-08</t></is></c>",
    "<c r=\"C{r}\" t=\"inlineStr\"><is><t>avance</t></is></c>",
    "<c r=\"D{r}\" s=\"1\"><v>0.4</v></c>",
    "<c r=\"D{r}\" s=\"1\"><v>1</v></c>",
    "<c r=\"D{r}\"><v>0.4</v></c>",
    "<c r=\"D{r}\" s=\"99\"><v>40</v></c>",
    "<c r=\"B{r}\" s=\"2\"><v>45444</v></c>",
    "<c r=\"B{r}\" s=\"2\"><v>1e300</v></c>",
    "<c r=\"B{r}\" s=\"2\"><v>-5</v></c>",
    "<c r=\"B{r}\" t=\"d\"><v>2024-06-01T00:00:00</v></c>",
    "<c r=\"C{r}\" t=\"str\"><f>1+1</f><v>dos</v></c>",
    "<c r=\"C{r}\" t=\"e\"><v>#N/A</v></c>",
    "<c r=\"C{r}\" t=\"e\"><v>#RARO!</v></c>",
    "<c r=\"C{r}\" t=\"b\"><v>1</v></c>",
    "<c r=\"C{r}\" t=\"s\"><v>7</v></c>",
    "<c r=\"C{r}\" t=\"zz\"><v>1</v></c>",
    "<c r=\"D{r}\"><v>abc</v></c>",
    "<c r=\"D{r}\" t=\"n\"><v>abc</v></c>",
    "<c r=\"XFD{r}\"><v>1</v></c>",
    "<c r=\"AAAAAAAAAAAA{r}\"><v>1</v></c>",
    "<c r=\"A99999999999\"><v>1</v></c>",
    "<c r=\"1A\"><v>1</v></c>",
    "<c><v>3</v></c>",
    "<c r=\"E{r}\"/>",
    "<c r=\"E{r}\"><v></v></c>",
    "<c r=\"E{r}\"",
    "</row>",
    "<row>",
    "&amp;",
    "&bogus;",
];

fn random_xlsx(rng: &mut Rng) -> Vec<u8> {
    let mut rows = header_row();
    for r in 2..2 + rng.below(6) {
        rows.push_str(&format!("<row r=\"{r}\">"));
        for _ in 0..rng.below(7) {
            rows.push_str(&rng.pick(XLSX_CELLS).replace("{r}", &r.to_string()));
        }
        rows.push_str("</row>");
    }
    if rng.below(6) == 0 {
        rows.push_str(&inline("A3", "sin cerrar <"));
    }
    let mut bytes = xlsx(&rows, &[(164, "0.0%"), (165, "dd/mm/yyyy")], &[0, 9, 165]);
    // Now and then damage the package itself.
    if rng.below(5) == 0 {
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(bytes.len());
            bytes[at] = rng.next() as u8;
        }
    }
    if rng.below(10) == 0 {
        bytes.truncate(rng.below(bytes.len()));
    }
    bytes
}

/// Reads `bytes` as `name`; when it reads, imports it into `store` through the operation
/// layer. A refusal, at either step, must leave the database as it was.
fn check(store: &mut Store, name: &str, bytes: &[u8], seed: u64) -> bool {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let before = snapshot(store);
    let outcome = read(&path).map_err(|e| e.to_string()).and_then(|sheet| import(store, sheet));
    match outcome {
        Ok(_) => true,
        Err(message) => {
            assert!(!message.is_empty(), "seed {seed}: a refusal says why");
            assert_eq!(snapshot(store), before, "seed {seed}: a refused file wrote something:\n{message}");
            false
        }
    }
}

fn run(name: &str, cases: u64, make: fn(&mut Rng) -> Vec<u8>) {
    let mut store = crate::demo::in_memory();
    let mut imported = 0;
    for seed in 1..=cases {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let bytes = make(&mut rng);
        if check(&mut store, name, &bytes, seed) {
            imported += 1;
            // What was imported stays; start again from the demo for the next case.
            store = crate::demo::in_memory();
        }
    }
    assert!(imported < cases, "most random files are refused");
}

#[test]
fn random_csv_never_panics_and_a_refusal_writes_nothing() {
    run("avances.csv", 400, random_csv);
}

#[test]
fn random_xlsx_never_panics_and_a_refusal_writes_nothing() {
    run("avances.xlsx", 300, random_xlsx);
}

#[test]
fn plain_noise_as_xlsx_is_refused_in_spanish() {
    let mut rng = Rng(7);
    let mut store = crate::demo::in_memory();
    for seed in 0..50 {
        let mut bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
        if seed % 2 == 0 {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        assert!(!check(&mut store, "ruido.xlsx", &bytes, seed));
    }
}
