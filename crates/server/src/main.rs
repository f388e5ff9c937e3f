//! `bucket-versioning serve`: the model over the OSS and S3 REST protocols, for real SDKs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use bucket_versioning::Dialect;
use bucket_versioning_http::auth::Credentials;
use bucket_versioning_server::serve::{ServeError, ServeOptions, Server};
use clap::{Parser, Subcommand, ValueEnum};

/// A local, deterministic OSS and S3 endpoint whose versioning is right by construction.
#[derive(Debug, Parser)]
#[command(name = "bucket-versioning", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Serve the model over HTTP. Prints `bucket-versioning listening on http://ADDR (dialect D)`
    /// on stdout once it accepts connections; logs one line per request to stderr; stops on
    /// SIGINT or SIGTERM after the requests in flight.
    Serve(ServeArgs),
    /// Check an OSS or S3 endpoint against the model: random scenarios sent to it and to the
    /// model, every answer and chain compared, each divergence shrunk to a minimal trace. Exit
    /// status 0 when nothing diverged, 1 when something did, 2 on usage or connection errors.
    Check(bucket_versioning_checker::cli::CheckArgs),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The protocol spoken: Alibaba Cloud OSS or Amazon S3.
    #[arg(long, value_enum, default_value_t = DialectArg::Oss)]
    dialect: DialectArg,
    /// The address to listen on; port 0 picks a free port (printed on stdout).
    #[arg(long, default_value = "127.0.0.1:9000")]
    bind: SocketAddr,
    /// The seed of generated version and upload IDs (same seed, same requests: same IDs).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Create a bucket when a request first names it.
    #[arg(long)]
    auto_create: bool,
    /// `none` accepts any signature; `verify` checks OSS V1/V4 and S3 SigV4 signatures against
    /// --access-key/--secret-key (403 SignatureDoesNotMatch otherwise).
    #[arg(long, value_enum, default_value_t = AuthArg::None)]
    auth: AuthArg,
    /// The access key ID clients sign with (with --auth verify).
    #[arg(long, required_if_eq("auth", "verify"))]
    access_key: Option<String>,
    /// The secret key clients sign with (with --auth verify).
    #[arg(long, required_if_eq("auth", "verify"))]
    secret_key: Option<String>,
    /// Keep the command journal and the object bytes in this directory (created if missing),
    /// and replay it on start; without it everything is in memory.
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DialectArg {
    /// Alibaba Cloud OSS.
    Oss,
    /// Amazon S3.
    S3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum AuthArg {
    /// Accept any signature (and unsigned requests).
    None,
    /// Verify signatures.
    Verify,
}

/// Exit codes of `serve`: 0 after a graceful shutdown, 2 for bad arguments (clap), 3 when the
/// address cannot be bound, 4 when the data directory is unusable, 1 otherwise. `check` exits
/// as the checker's command line does.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Commands::Serve(args) => args,
        Commands::Check(args) => return bucket_versioning_checker::cli::run(&args),
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .init();
    let options = ServeOptions {
        dialect: match args.dialect {
            DialectArg::Oss => Dialect::Oss,
            DialectArg::S3 => Dialect::S3,
        },
        bind: args.bind,
        seed: args.seed,
        auto_create: args.auto_create,
        credentials: match args.auth {
            AuthArg::None => None,
            AuthArg::Verify => Some(Credentials::new(
                args.access_key.unwrap_or_default(),
                args.secret_key.unwrap_or_default(),
            )),
        },
        data_dir: args.data_dir,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("bucket-versioning: cannot start the runtime: {error}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let server = match Server::bind(options).await {
            Ok(server) => server,
            Err(error) => {
                eprintln!("bucket-versioning: {error}");
                return ExitCode::from(match error {
                    ServeError::Bind { .. } => 3,
                    ServeError::DataDir { .. } => 4,
                });
            }
        };
        println!(
            "bucket-versioning listening on http://{} (dialect {})",
            server.local_addr(),
            server.dialect()
        );
        server.run(shutdown_signal()).await;
        tracing::info!("stopped");
        ExitCode::SUCCESS
    })
}

/// SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
