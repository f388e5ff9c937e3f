//! Python for the real-SDK suites in `tests/sdk/` (issue 17): a virtualenv holding the pinned
//! `requirements.txt` (boto3, oss2, moto, pytest), made once and reused, and pytest runs in it.
//! The checker's moto test includes this file too (`#[path]`), for the same virtualenv.
//!
//! The virtualenv lives under the target directory (`CARGO_TARGET_TMPDIR/sdk-venv`, else
//! `target/sdk-venv`). A stamp file in it holds the SHA-256 of `requirements.txt` and the
//! interpreter's version; a virtualenv whose stamp differs is rebuilt, so editing the pins is
//! enough to get them. Concurrent tests and `cargo test` processes serialise on a lock file
//! beside it. Installing needs PyPI (CI reaches it); without it the failure says so.
//!
//! ```ignore
//! let venv = Venv::ensure();
//! let run = venv.pytest(&["s3"], &[("BV_SERVER_BIN", env!("CARGO_BIN_EXE_bucket-versioning"))]);
//! run.assert_success();
//! ```

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// The stamp file inside the virtualenv: requirements hash and interpreter version.
const STAMP: &str = "bv-requirements.stamp";

/// How long `pip install` may take (a cold install of the pins takes about a minute).
const INSTALL_TIMEOUT: Duration = Duration::from_secs(900);

/// The suites' directory, `crates/server/tests/sdk`.
pub fn sdk_dir() -> PathBuf {
    // Through the parent, so that another crate's tests can include this file (the checker's
    // moto test does) and still find the suites.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("server")
        .join("tests")
        .join("sdk")
}

/// The pinned requirements of the suites.
pub fn requirements() -> PathBuf {
    sdk_dir().join("requirements.txt")
}

/// A virtualenv with the suites' requirements installed.
#[derive(Clone, Debug)]
pub struct Venv {
    dir: PathBuf,
}

/// What a pytest run gave back.
#[derive(Debug)]
pub struct PytestRun {
    /// pytest's exit status (0 all passed, 1 some failed, 5 nothing collected, …).
    pub status: ExitStatus,
    /// stdout and stderr, stdout first.
    pub output: String,
}

impl PytestRun {
    /// Panics with the whole output unless pytest exited 0.
    #[track_caller]
    pub fn assert_success(&self) {
        assert!(
            self.status.success(),
            "pytest exited {}:\n{}",
            self.status,
            self.output
        );
    }

    /// pytest's closing summary line (`== 12 passed, 1 skipped in 3.4s ==`, or `N tests
    /// collected in …` with `--collect-only -q`), if there is one.
    pub fn summary(&self) -> Option<&str> {
        self.output.lines().rev().map(str::trim).find(|line| {
            line.contains(" in ")
                && (line.contains("passed")
                    || line.contains("failed")
                    || line.contains("collected")
                    || line.contains("skipped")
                    || line.contains("error"))
        })
    }
}

impl Venv {
    /// The suites' virtualenv, made if it is missing or its stamp does not match the current
    /// requirements and interpreter. Safe to call from many tests at once.
    #[track_caller]
    pub fn ensure() -> Venv {
        static VENV: OnceLock<Venv> = OnceLock::new();
        VENV.get_or_init(|| {
            let root = venv_root();
            fs::create_dir_all(&root).unwrap_or_else(|err| {
                panic!("cannot create {}: {err}", root.display());
            });
            let lock_path = root.join("sdk-venv.lock");
            let lock = File::create(&lock_path).unwrap_or_else(|err| {
                panic!("cannot create {}: {err}", lock_path.display());
            });
            // Released when `lock` drops, at the end of this closure.
            lock.lock()
                .unwrap_or_else(|err| panic!("cannot lock {}: {err}", lock_path.display()));
            let venv = Venv {
                dir: root.join("sdk-venv"),
            };
            let python = find_python3();
            let stamp = stamp_for(&python);
            if fs::read_to_string(venv.dir.join(STAMP)).ok().as_deref() != Some(stamp.as_str()) {
                venv.build(&python, &stamp);
            }
            venv
        })
        .clone()
    }

    /// The virtualenv's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The virtualenv's interpreter.
    pub fn python(&self) -> PathBuf {
        self.dir.join("bin").join("python")
    }

    /// Runs `python -m pytest ARGS` in `tests/sdk` with `env` added to this process's
    /// environment, and returns its status and output. Panics only when pytest cannot be run
    /// at all or runs longer than `timeout`.
    #[track_caller]
    pub fn pytest_with_timeout(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        timeout: Duration,
    ) -> PytestRun {
        let mut command = Command::new(self.python());
        command
            .args(["-m", "pytest"])
            .args(args)
            .current_dir(sdk_dir())
            // Keep the source tree free of __pycache__ directories.
            .env("PYTHONDONTWRITEBYTECODE", "1");
        for (name, value) in env {
            command.env(name, value);
        }
        let (status, output) = run(command, timeout, "pytest");
        PytestRun { status, output }
    }

    /// [`Venv::pytest_with_timeout`] with a 20-minute limit.
    #[track_caller]
    pub fn pytest(&self, args: &[&str], env: &[(&str, &str)]) -> PytestRun {
        self.pytest_with_timeout(args, env, Duration::from_secs(1200))
    }

    #[track_caller]
    fn build(&self, python: &Path, stamp: &str) {
        if self.dir.exists() {
            fs::remove_dir_all(&self.dir).unwrap_or_else(|err| {
                panic!("cannot remove the stale {}: {err}", self.dir.display());
            });
        }
        let mut create = Command::new(python);
        create.arg("-m").arg("venv").arg(&self.dir);
        let (status, output) = run(create, Duration::from_secs(300), "python3 -m venv");
        assert!(
            status.success(),
            "`{} -m venv {}` failed ({status}); is the venv module installed \
             (Debian: apt-get install python3-venv)?\n{output}",
            python.display(),
            self.dir.display()
        );
        let mut install = Command::new(self.python());
        install
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "-r",
            ])
            .arg(requirements());
        let (status, output) = run(install, INSTALL_TIMEOUT, "pip install");
        assert!(
            status.success(),
            "`pip install -r {}` failed ({status}). It needs PyPI: check the network or the \
             pip configuration (PIP_INDEX_URL).\n{}",
            requirements().display(),
            tail(&output, 8000)
        );
        fs::write(self.dir.join(STAMP), stamp).unwrap_or_else(|err| {
            panic!("cannot write the stamp in {}: {err}", self.dir.display());
        });
    }
}

/// Where the virtualenv goes: the integration tests' scratch directory when cargo names one,
/// else the workspace's `target/`.
fn venv_root() -> PathBuf {
    match option_env!("CARGO_TARGET_TMPDIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

/// `BV_PYTHON` when set, else the first `python3` on `PATH`; it must be Python 3.9 or later.
#[track_caller]
fn find_python3() -> PathBuf {
    let python = match std::env::var_os("BV_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => which("python3").unwrap_or_else(|| {
            panic!(
                "python3 is not on PATH; the SDK suites need Python 3.9+ with the venv module \
                 (or set BV_PYTHON to an interpreter)"
            )
        }),
    };
    let version = python_version(&python);
    let mut numbers = version.split('.').map(str::parse::<u32>);
    let (major, minor) = match (numbers.next(), numbers.next()) {
        (Some(Ok(major)), Some(Ok(minor))) => (major, minor),
        _ => panic!(
            "cannot read the version of {}: {version:?}",
            python.display()
        ),
    };
    assert!(
        (major, minor) >= (3, 9),
        "{} is Python {version}; the SDK suites need 3.9 or later",
        python.display()
    );
    python
}

/// `MAJOR.MINOR.MICRO` of an interpreter.
#[track_caller]
fn python_version(python: &Path) -> String {
    let output = Command::new(python)
        .args([
            "-c",
            "import sys; print('.'.join(map(str, sys.version_info[:3])))",
        ])
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", python.display()));
    assert!(
        output.status.success(),
        "{} failed: {}",
        python.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// The first executable `name` on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The stamp of the current requirements and interpreter.
#[track_caller]
fn stamp_for(python: &Path) -> String {
    let requirements = fs::read(requirements())
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", requirements().display()));
    let digest = Sha256::digest(&requirements);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "requirements-sha256 {hex}\npython {}\n",
        python_version(python)
    )
}

/// Runs `command` to completion or `timeout` (then kills it and panics), collecting stdout
/// and stderr on threads so that a chatty child never blocks on a full pipe.
#[expect(
    clippy::disallowed_methods,
    reason = "the wall clock bounds a child process; the purity rule is about the model"
)]
#[track_caller]
fn run(mut command: Command, timeout: Duration, what: &str) -> (ExitStatus, String) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {what} ({command:?}): {err}"));
    let collect = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            // A read error ends the capture; what was read so far is kept.
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = collect(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = collect(Box::new(child.stderr.take().expect("stderr is piped")));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} ran longer than {timeout:?} and was killed ({command:?})");
            }
            Ok(None) => thread::sleep(Duration::from_millis(50)),
            Err(err) => panic!("cannot wait for {what}: {err}"),
        }
    };
    let mut output = String::from_utf8_lossy(&stdout.join().unwrap_or_default()).into_owned();
    output.push_str(&String::from_utf8_lossy(&stderr.join().unwrap_or_default()));
    (status, output)
}

/// The last `limit` bytes of `text` (on a character boundary).
fn tail(text: &str, limit: usize) -> &str {
    let mut start = text.len().saturating_sub(limit);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}
