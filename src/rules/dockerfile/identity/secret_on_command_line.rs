//! DF202: a literal password or token on a RUN command line (`curl -u me:pw`, `mysql -ppw`,
//! `docker login -p pw`, `https://me:pw@host/...`). The command line is kept in the image history
//! and the build cache.

use crate::diagnostic::redact;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, CURL, Spec, WGET};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::{Arg, Command, Script};

pub struct SecretOnCommandLine;

/// `--name=value` options that carry a credential whatever the program.
const SECRET_OPTIONS: [&str; 9] =
    ["password", "passwd", "token", "api-key", "apikey", "access-token", "auth-token", "client-secret", "secret-key"];
/// The MySQL and MariaDB clients, whose `-pSECRET` takes the password attached (`-p x` prompts).
const MYSQL: [&str; 10] = [
    "mysql",
    "mysqladmin",
    "mysqldump",
    "mysqlimport",
    "mysqlshow",
    "mysqlcheck",
    "mariadb",
    "mariadb-admin",
    "mariadb-dump",
    "mysqlsh",
];
/// Environment variables that hand a password to the program they prefix.
const PASSWORD_VARS: [&str; 3] = ["MYSQL_PWD", "PGPASSWORD", "SSHPASS"];
const LOGIN: Spec = Spec::new(&["-p", "-u", "--password", "--username"]);
const SSHPASS: Spec = Spec::new(&["-p", "-f", "-d", "-P"]);

struct Secret {
    span: Span,
    /// What carries it, e.g. "`curl --user` password".
    what: String,
    value: String,
}

impl Rule for SecretOnCommandLine {
    fn code(&self) -> &'static str {
        "DF202"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            let mut found: Vec<Secret> = Vec::new();
            for cmd in run.commands() {
                secrets(cmd, run.script, file.src, &mut found);
            }
            for s in found {
                let d = cx
                    .diag(s.span, format!("{} {} is written on the RUN command line", s.what, redact(&s.value)))
                    .with_secret(s.span)
                    .with_help(
                        "the command line stays in the image history and the build cache: mount the secret \
                         instead (`RUN --mount=type=secret,id=token,env=TOKEN ...`, or read /run/secrets/<id>)",
                    );
                cx.emit(d);
            }
        }
    }
}

fn secrets(cmd: &Command, script: &Script, src: &str, out: &mut Vec<Secret>) {
    let Some(program) = cmd.program() else { return };
    let push = |out: &mut Vec<Secret>, arg: &Arg, what: String, value: &str| {
        if !value.is_empty() && cli::is_literal(arg, src) && !out.iter().any(|s| s.span == arg.span) {
            out.push(Secret { span: arg.span, what, value: value.to_string() });
        }
    };
    match program {
        "curl" | "wget" | "wget2" => {
            let curl = program == "curl";
            for opt in &cli::parse(&cmd.args, if curl { &CURL } else { &WGET }).opts {
                let (Some(value), Some(text)) = (opt.value, opt.value_text()) else { continue };
                let flag = flag_name(opt.arg.value().unwrap_or_default());
                let user =
                    if curl { opt.is(Some('u'), &["user"]) || opt.is(Some('U'), &["proxy-user"]) } else { false };
                if user && let Some((_, pw)) = text.split_once(':') {
                    push(out, value.arg, format!("`curl {flag}` password"), pw);
                } else if !curl && opt.is(None, &["password", "http-password", "ftp-password", "proxy-password"]) {
                    push(out, value.arg, format!("`{program} {flag}`"), text);
                } else if opt.is(curl.then_some('H'), &["header"])
                    && let Some(credential) = authorization(text)
                {
                    push(out, value.arg, format!("`{program}` authorization header"), credential);
                }
            }
        }
        p if MYSQL.contains(&p) => {
            for a in &cmd.args {
                if let Some(pw) = a.value().and_then(|v| v.strip_prefix("-p")).filter(|_| !a.is("-p")) {
                    push(out, a, format!("`{p} -p` password"), pw);
                }
            }
        }
        "sshpass" => {
            if let Some(v) = cli::parse(&cmd.args, &SSHPASS).find(Some('p'), &[]).and_then(|o| o.value) {
                push(out, v.arg, "`sshpass -p` password".into(), v.text.unwrap_or_default());
            }
        }
        "docker" | "podman" | "nerdctl" | "buildah" | "skopeo" | "helm" => {
            let login = match program {
                "helm" => {
                    cmd.args.first().is_some_and(|a| a.is("registry")) && cmd.args.get(1).is_some_and(|a| a.is("login"))
                }
                _ => cmd.subcommand(&[]).is_some_and(|a| a.is("login")),
            };
            if login {
                let parsed = cli::parse(&cmd.args, &LOGIN);
                if let Some(v) = parsed.find(Some('p'), &["password"]).and_then(|o| o.value) {
                    push(out, v.arg, format!("`{program} login` password"), v.text.unwrap_or_default());
                }
                if parsed.find(None, &["password-stdin"]).is_some() {
                    piped_echo(cmd, script, src, out, &format!("`{program} login --password-stdin` input"));
                }
            }
        }
        "htpasswd"
            if cmd
                .args
                .iter()
                .any(|a| a.value().is_some_and(|v| !v.starts_with("--") && v.starts_with('-') && v.contains('b'))) =>
        {
            if let Some(pw) = cmd.operands(&["-C", "-r"]).last() {
                push(out, pw, "`htpasswd -b` password".into(), pw.value().unwrap_or_default());
            }
        }
        "openssl" => {
            for pair in cmd.args.windows(2) {
                let opt = pair[0].value().unwrap_or_default();
                if matches!(opt, "-pass" | "-passin" | "-passout" | "-password")
                    && let Some(pw) = pair[1].value().and_then(|v| v.strip_prefix("pass:"))
                {
                    push(out, &pair[1], format!("`openssl {opt}` password"), pw);
                }
            }
        }
        _ => {}
    }
    for a in &cmd.args {
        let Some(v) = a.value() else { continue };
        if let Some((name, value)) = v.strip_prefix("--").and_then(|o| o.split_once('='))
            && SECRET_OPTIONS.contains(&name)
        {
            push(out, a, format!("`--{name}`"), value);
        } else if let Some(pw) = url_password(v) {
            push(out, a, "the password in the URL".into(), pw);
        }
    }
    for (name, value) in &cmd.assignments {
        if PASSWORD_VARS.contains(&name.as_str())
            && let (Some(value), Some(span)) = (value, cli::assignment_span(cmd, name, src))
            && !span.slice(src).contains(['$', '`'])
            && !value.is_empty()
        {
            out.push(Secret { span, what: format!("`{name}`"), value: value.clone() });
        }
    }
}

/// `--user` of `--user=x`, `-u` of `-uadmin:pw`.
fn flag_name(flag: &str) -> &str {
    if flag.starts_with("--") { flag.split('=').next().unwrap_or(flag) } else { flag.get(..2).unwrap_or(flag) }
}

/// The credential of an `Authorization: <scheme> <credential>` header.
fn authorization(header: &str) -> Option<&str> {
    let (name, value) = header.split_once(':')?;
    let name = name.trim();
    if !name.eq_ignore_ascii_case("authorization") && !name.eq_ignore_ascii_case("proxy-authorization") {
        return None;
    }
    let value = value.trim();
    Some(value.split_once(' ').map_or(value, |(_, c)| c.trim()))
}

/// The password of `scheme://user:password@host/...`; a masked one (`***`) is not a password.
fn url_password(v: &str) -> Option<&str> {
    let (_, rest) = v.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (userinfo, _) = authority.rsplit_once('@')?;
    let (_, pw) = userinfo.split_once(':')?;
    (!pw.is_empty() && !pw.chars().all(|c| c == '*')).then_some(pw)
}

/// The echoed literal piped into `cmd` (`echo pw | docker login --password-stdin`).
fn piped_echo(cmd: &Command, script: &Script, src: &str, out: &mut Vec<Secret>, what: &str) {
    let Some(pipe) = cmd.pipe.filter(|p| p.index > 0) else { return };
    let first = script.commands.iter().find(|c| c.pipe.is_some_and(|p| p.id == pipe.id && p.index == 0));
    let Some(echo) = first.filter(|c| c.is("echo") || c.is("printf")) else { return };
    let words: Vec<&Arg> = echo.operands(&[]).collect();
    if let (Some(first), Some(last)) = (words.first(), words.last())
        && words.iter().all(|a| cli::is_literal(a, src))
    {
        let value: Vec<&str> = words.iter().filter_map(|a| a.value()).collect();
        out.push(Secret { span: first.span.cover(last.span), what: what.to_string(), value: value.join(" ") });
    }
}

#[cfg(test)]
mod tests {
    use super::url_password;
    use crate::rules::testing::{findings, spans};

    #[test]
    fn literal_secrets_are_reported_redacted() {
        let src = "FROM alpine\nRUN curl -fsSL -u admin:hunter2hunter https://x/a -o a\n\
                   RUN wget --http-password=Pa55word https://x/b && mysql -uroot -pS3cretPw -e 'select 1'\n\
                   RUN git clone https://bot:ghp_abcdefghijkl@github.com/o/r.git && sshpass -p 'pw12345678' ssh h\n\
                   RUN echo 'tok3n-value' | docker login -u me --password-stdin && cli --token=abcd1234efgh\n\
                   RUN curl -H 'Authorization: Bearer eyJhbGciOi' https://api && PGPASSWORD=pgpass99 psql -h db\n";
        assert_eq!(
            spans("DF202", src),
            [
                "admin:hunter2hunter",
                "--http-password=Pa55word",
                "-pS3cretPw",
                "https://bot:ghp_abcdefghijkl@github.com/o/r.git",
                "'pw12345678'",
                "'tok3n-value'",
                "--token=abcd1234efgh",
                "'Authorization: Bearer eyJhbGciOi'",
                "PGPASSWORD=pgpass99",
            ]
        );
        let f = findings("DF202", src);
        assert_eq!(f[0].1, "`curl -u` password \"hunt…\" (13 chars) is written on the RUN command line");
        for (_, m) in &f {
            for secret in ["hunter2", "Pa55word", "S3cretPw", "ghp_abcdef", "pw12345678", "tok3n", "eyJhbG", "pgpass99"]
            {
                assert!(!m.contains(secret), "{m}");
            }
        }
    }

    #[test]
    fn variables_prompts_and_look_alikes_are_not_secrets() {
        let src = "FROM alpine\nARG PW\nRUN curl -u \"admin:$PW\" https://x && curl -fsSL -o out https://u@x/\n\
                   RUN echo \"password=$PASSWORD\" >> /etc/app.conf && mysql -p mydb && mysql -P 3306\n\
                   RUN docker login -u me --password-stdin < /run/secrets/pw && wget --user=me https://x\n\
                   RUN git clone https://github.com/o/r.git && curl https://user:***@host/ && sshpass -f /pw ssh h\n\
                   RUN --mount=type=secret,id=t curl -H \"Authorization: Bearer $(cat /run/secrets/t)\" https://x\n\
                   RUN docker build --secret id=x,src=y . && cli --password-file=/run/secrets/p\n";
        assert_eq!(spans("DF202", src), Vec::<String>::new());
    }

    #[test]
    fn url_passwords() {
        assert_eq!(url_password("https://u:p@h/x"), Some("p"));
        assert_eq!(url_password("https://u@h/x:y@z"), None);
        assert_eq!(url_password("ftp://a:b:c@h"), Some("b:c"));
        assert_eq!(url_password("https://h/?a=b:c@d"), None);
    }
}
