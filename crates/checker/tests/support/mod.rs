//! What the checker's integration tests share: this project's server, in-process on a free
//! port, on a runtime of its own.

#![allow(dead_code, unreachable_pub)]

use bucket_versioning::Dialect;
use bucket_versioning_server::serve::{ServeOptions, Server};
use tokio::sync::oneshot;

/// A server running on its own runtime until dropped.
pub struct Running {
    /// `http://ADDR`.
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
    runtime: tokio::runtime::Runtime,
    running: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Serves `options` (on a free port).
    pub fn start(options: ServeOptions) -> Running {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let server = runtime
            .block_on(Server::bind(options))
            .expect("the server binds");
        let url = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let running = runtime.spawn(server.run(async {
            let _ = stopped.await;
        }));
        Running {
            url,
            stop: Some(stop),
            runtime,
            running: Some(running),
        }
    }

    /// A server of `dialect`, every other option at its default (memory only, no signature
    /// checks).
    pub fn dialect(dialect: Dialect) -> Running {
        Running::start(ServeOptions {
            dialect,
            ..ServeOptions::default()
        })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(running) = self.running.take() {
            let _ = self.runtime.block_on(running);
        }
    }
}
