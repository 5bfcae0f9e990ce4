//! Deterministic generators for the labelled sets: the same cases on every run.

/// xorshift64*: good enough to scatter characters.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn string(&mut self, alphabet: &str, len: usize) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..len).map(|_| chars[self.below(chars.len())]).collect()
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() & 0xFF) as u8).collect()
    }
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]) } else { '=' });
        }
    }
    out
}

impl Rng {
    /// A version-4-shaped UUID, as identifiers and digests look.
    pub fn uuid(&mut self) -> String {
        const HEX: &str = "0123456789abcdef";
        let (a, b, c, d, e) =
            (self.string(HEX, 8), self.string(HEX, 4), self.string(HEX, 3), self.string(HEX, 3), self.string(HEX, 12));
        format!("{a}-{b}-4{c}-a{d}-{e}")
    }
}

/// Counts a labelled set's verdicts, then prints and holds precision and recall.
#[derive(Default)]
pub struct Tally {
    cases: usize,
    true_positives: usize,
    misses: Vec<String>,
    false_alarms: Vec<String>,
}

impl Tally {
    /// One case: whether it is a secret, whether the rules fired, and how to name it on failure.
    pub fn record(&mut self, secret: bool, fired: bool, case: impl FnOnce() -> String) {
        self.cases += 1;
        match (secret, fired) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.misses.push(case()),
            (false, true) => self.false_alarms.push(case()),
            (false, false) => {}
        }
    }

    /// Prints the figures under `title` and asserts at least 300 cases, 99% precision, 97% recall.
    pub fn check(&self, title: &str) {
        let tp = self.true_positives as f64;
        let precision = tp / (tp + self.false_alarms.len() as f64).max(1.0);
        let recall = tp / (tp + self.misses.len() as f64).max(1.0);
        println!("{title}: {} cases; precision {:.2}%, recall {:.2}%", self.cases, precision * 100.0, recall * 100.0);
        assert!(self.cases >= 300, "{} cases", self.cases);
        assert!(precision >= 0.99, "precision {precision}: {:#?}", self.false_alarms);
        assert!(recall >= 0.97, "recall {recall}: {:#?}", self.misses);
    }
}
