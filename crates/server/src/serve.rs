//! The server: options, binding, the accept loop, graceful shutdown. Startable in-process
//! (port 0) from tests:
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use bucket_versioning_server::serve::{ServeOptions, Server};
//! let server = Server::bind(ServeOptions::default()).await?;
//! let url = format!("http://{}", server.local_addr());
//! let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! let running = tokio::spawn(server.run(async { let _ = stopped.await; }));
//! // … talk to `url` …
//! let _ = stop.send(());
//! running.await?;
//! # Ok(()) }
//! ```

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use bucket_versioning::Dialect;
use bucket_versioning_http::Codec;
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::auth::Credentials;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::handler::{self, Endpoint};
use crate::registry::{OpenError, Registry};

/// How long shutdown waits for requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// What `bucket-versioning serve` is started with.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The dialect (default oss).
    pub dialect: Dialect,
    /// The address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// The seed of the buckets' version and upload IDs (ID-5).
    pub seed: u64,
    /// Create a bucket on first use.
    pub auto_create: bool,
    /// Verify signatures against this key pair (`--auth verify`); `None` accepts any.
    pub credentials: Option<Credentials>,
    /// Keep the journal and the bytes here; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            dialect: Dialect::Oss,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: 0,
            auto_create: false,
            credentials: None,
            data_dir: None,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is taken or not ours.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The data directory cannot be used.
    #[error("the data directory {dir} cannot be used: {source}")]
    DataDir {
        /// The directory.
        dir: PathBuf,
        /// Why.
        source: OpenError,
    },
}

/// A bound server, not yet running.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    endpoint: Arc<Endpoint>,
    address: SocketAddr,
}

impl Server {
    /// Opens the data (replaying the journal) and binds the address.
    ///
    /// # Errors
    ///
    /// [`ServeError`] when the data directory is unusable or the address taken.
    pub async fn bind(options: ServeOptions) -> Result<Server, ServeError> {
        let registry = Registry::open(options.dialect, options.seed, options.data_dir.as_deref())
            .map_err(|source| ServeError::DataDir {
            dir: options.data_dir.clone().unwrap_or_default(),
            source,
        })?;
        let listener =
            TcpListener::bind(options.bind)
                .await
                .map_err(|source| ServeError::Bind {
                    address: options.bind,
                    source,
                })?;
        let address = listener.local_addr().map_err(|source| ServeError::Bind {
            address: options.bind,
            source,
        })?;
        let addressing = Addressing::new(&address.to_string());
        Ok(Server {
            listener,
            endpoint: Arc::new(Endpoint {
                codec: Codec::new(options.dialect, addressing),
                registry,
                credentials: options.credentials,
                auto_create: options.auto_create,
                counter: AtomicU64::new(0),
            }),
            address,
        })
    }

    /// The address it listens on (the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.endpoint.codec.dialect()
    }

    /// Serves until `shutdown` completes, then stops accepting, lets requests in flight finish
    /// (at most [`SHUTDOWN_GRACE`]) and returns.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let (stop, stopping) = watch::channel(false);
        let mut connections = tokio::task::JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    // Object bodies follow their heads in separate writes: without NODELAY,
                    // Nagle and the client's delayed ACK hold each GET for ~40 ms.
                    let _ = stream.set_nodelay(true);
                    let endpoint = Arc::clone(&self.endpoint);
                    let mut stopping = stopping.clone();
                    connections.spawn(async move {
                        let service = service_fn(move |request| {
                            handler::handle(Arc::clone(&endpoint), request)
                        });
                        let connection = http1::Builder::new()
                            .keep_alive(true)
                            .serve_connection(TokioIo::new(stream), service);
                        tokio::pin!(connection);
                        tokio::select! {
                            _ = connection.as_mut() => {}
                            _ = stopping.changed() => {
                                connection.as_mut().graceful_shutdown();
                                let _ = connection.await;
                            }
                        }
                    });
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        let _ = stop.send(true);
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
            while connections.join_next().await.is_some() {}
        })
        .await;
    }
}
