//! File modes as the build sets them: `chmod`, `mkdir -m`, `install -m` in RUN, and the `--chmod`
//! flag of COPY and ADD; octal (`4755`) and symbolic (`u+s,o+w`) modes alike.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;
use crate::syntax::shell::{Arg, Command, Script};

/// What a mode change turns on (octal modes set every bit; symbolic ones only those they name).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    /// Others may write (`o+w`, `a+w`, `777`); `+w` without `o`/`a` honours the umask, so it does not.
    pub world_writable: bool,
    /// The restricted-deletion (sticky) bit, as on /tmp.
    pub sticky: bool,
    pub setuid: bool,
    pub setgid: bool,
}

/// The effect of a mode; `None` when it is not a valid mode.
pub fn effect(mode: &str) -> Option<Effect> {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let m = u32::from_str_radix(mode, 8).ok().filter(|m| *m <= 0o7777)?;
        return Some(Effect {
            world_writable: m & 0o002 != 0,
            sticky: m & 0o1000 != 0,
            setuid: m & 0o4000 != 0,
            setgid: m & 0o2000 != 0,
        });
    }
    let mut e = Effect::default();
    for clause in mode.split(',') {
        let who_len = clause.find(|c| !"ugoa".contains(c)).unwrap_or(clause.len());
        let (who, mut rest) = clause.split_at(who_len);
        if rest.is_empty() {
            return None;
        }
        let all = who.is_empty() || who.contains('a');
        let (u, g, o) = (all || who.contains('u'), all || who.contains('g'), all || who.contains('o'));
        // Without `o` or `a`, `+w` is filtered by the umask, which never lets others write.
        let others_named = who.contains('o') || who.contains('a');
        while let Some(op) = rest.chars().next().filter(|c| "+-=".contains(*c)) {
            rest = &rest[1..];
            let (perms, tail) = rest.split_at(rest.find(|c| "+-=".contains(c)).unwrap_or(rest.len()));
            rest = tail;
            let copy = perms.len() == 1 && "ugo".contains(perms);
            if !copy && !perms.chars().all(|c| "rwxXst".contains(c)) {
                return None;
            }
            let (w, s, t) = (perms.contains('w'), perms.contains('s'), perms.contains('t'));
            match op {
                '+' => {
                    e.world_writable |= w && others_named;
                    e.setuid |= s && u;
                    e.setgid |= s && g;
                    e.sticky |= t && o;
                }
                '-' => {
                    e.world_writable &= !(w && o);
                    e.setuid &= !(s && u);
                    e.setgid &= !(s && g);
                    e.sticky &= !(t && o);
                }
                _ => {
                    if o {
                        e.world_writable = w && others_named;
                        e.sticky = t;
                    }
                    if u {
                        e.setuid = s;
                    }
                    if g {
                        e.setgid = s;
                    }
                }
            }
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(e)
}

/// One place the build sets a mode.
pub struct ModeSet<'m> {
    /// The mode as the build sets it: `chmod 777`, `mkdir -m 0777`, `COPY --chmod=666`.
    pub shown: String,
    pub effect: Effect,
    /// The mode's word (or the whole `--chmod=...` flag).
    pub span: Span,
    /// The paths it applies to (none for COPY and ADD, whose targets are the copied files).
    pub targets: Vec<&'m Arg>,
    /// The script and command that set it, for RUN.
    pub command: Option<(&'m Script, &'m Command)>,
}

const MKDIR: Spec = Spec::new(&["-m", "-Z", "--mode", "--context"]);
const INSTALL: Spec =
    Spec::new(&["-m", "-g", "-o", "-S", "-t", "--mode", "--group", "--owner", "--suffix", "--target-directory"]);

/// Every mode the file sets, in source order per kind (RUN commands, then COPY/ADD flags).
pub fn mode_sets<'m>(file: &'m DockerfileModel<'_>) -> Vec<ModeSet<'m>> {
    let mut out = Vec::new();
    for run in file.runs() {
        let script = run.script;
        for cmd in &script.commands {
            let found = match cmd.program() {
                Some("chmod") => chmod(cmd).map(|(m, t)| ("chmod", m.value(), m.span, t)),
                Some(p @ ("mkdir" | "install")) => {
                    let parsed = cli::parse(&cmd.args, if p == "mkdir" { &MKDIR } else { &INSTALL });
                    let mode = parsed.last(Some('m'), &["mode"]).and_then(|o| o.value);
                    let tool = if p == "mkdir" { "mkdir -m" } else { "install -m" };
                    mode.map(|v| (tool, v.text, v.arg.span, parsed.operands))
                }
                _ => None,
            };
            let Some((tool, Some(mode), span, targets)) = found else { continue };
            let Some(effect) = effect(mode) else { continue };
            let shown = format!("{tool} {mode}");
            out.push(ModeSet { shown, effect, span, targets, command: Some((script, cmd)) });
        }
    }
    for instr in &file.ast.instructions {
        if !matches!(instr.kind, InstructionKind::Copy | InstructionKind::Add) {
            continue;
        }
        let Some(flag) = instr.flag("chmod") else { continue };
        let Some(mode) = flag.value.clone() else { continue };
        let Some(effect) = effect(&mode) else { continue };
        let shown = format!("{} --chmod={mode}", instr.kind.as_str());
        out.push(ModeSet { shown, effect, span: flag.span, targets: Vec::new(), command: None });
    }
    out
}

/// chmod's mode word and its operands; `None` for `--reference` or a mode only the shell knows.
/// A word such as `-w` is a mode, not an option.
fn chmod(cmd: &Command) -> Option<(&Arg, Vec<&Arg>)> {
    let mut mode = None;
    let mut targets = Vec::new();
    let mut dashes = false;
    for a in &cmd.args {
        if mode.is_some() {
            targets.push(a);
            continue;
        }
        let v = a.value()?;
        if !dashes && v == "--" {
            dashes = true;
        } else if !dashes && v.starts_with("--") {
            if v.starts_with("--reference") {
                return None;
            }
        } else if dashes || !v.starts_with('-') || effect(v).is_some() {
            mode = Some(a);
        }
    }
    mode.map(|m| (m, targets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(mode: &str) -> (bool, bool, bool, bool) {
        let x = effect(mode).unwrap_or_else(|| panic!("`{mode}` is a mode"));
        (x.world_writable, x.sticky, x.setuid, x.setgid)
    }

    #[test]
    fn octal_modes() {
        assert_eq!(e("777"), (true, false, false, false));
        assert_eq!(e("0777"), (true, false, false, false));
        assert_eq!(e("1777"), (true, true, false, false));
        assert_eq!(e("3777"), (true, true, false, true));
        assert_eq!(e("4755"), (false, false, true, false));
        assert_eq!(e("755"), (false, false, false, false));
        assert_eq!(e("664"), (false, false, false, false));
        assert!(effect("17777").is_none());
        assert!(effect("").is_none());
    }

    #[test]
    fn symbolic_modes() {
        assert_eq!(e("o+w"), (true, false, false, false));
        assert_eq!(e("a+rwX"), (true, false, false, false));
        assert_eq!(e("+w"), (false, false, false, false), "the umask applies");
        assert_eq!(e("g+w"), (false, false, false, false));
        assert_eq!(e("a+w,o-w"), (false, false, false, false));
        assert_eq!(e("u+s"), (false, false, true, false));
        assert_eq!(e("+s"), (false, false, true, true));
        assert_eq!(e("g+s"), (false, false, false, true));
        assert_eq!(e("u-s"), (false, false, false, false));
        assert_eq!(e("o=rwx,+t"), (true, true, false, false));
        assert_eq!(e("go=u"), (false, false, false, false));
        assert!(effect("-R").is_none());
        assert!(effect("/tmp").is_none());
        assert!(effect("u+q").is_none());
    }
}
