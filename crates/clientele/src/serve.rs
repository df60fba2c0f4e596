//! `clientele serve`: the HTTP server, optionally on a demo base.

use std::net::SocketAddr;

use anyhow::Context as _;
use clientele_server::ServerConfig;
use clientele_store::Store;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CLIENTELE_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Fill an empty database with a demo base first.
    #[arg(long)]
    demo: bool,
    /// Customers in the demo base (with --demo).
    #[arg(long, default_value_t = 2_000, requires = "demo")]
    demo_customers: usize,
    /// Mark the session cookie Secure: set when Clientele is reached over HTTPS (through a
    /// TLS-terminating proxy).
    #[arg(long, env = "CLIENTELE_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "CLIENTELE_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    max_body_bytes: usize,
    /// A proxy in front of Clientele (a CIDR block or an address; repeat for several): from
    /// its connections the client's address is taken from `X-Forwarded-For`, for the sign-in
    /// limit per address and the audit log. Without it the header is ignored.
    #[arg(long = "trusted-proxy", value_name = "CIDR", env = "CLIENTELE_TRUSTED_PROXIES",
        value_delimiter = ',', value_parser = clientele_server::trusted_proxy)]
    trusted_proxies: Vec<clientele_server::IpNet>,
}

pub async fn run(
    store: &Store,
    args: ServeArgs,
    config: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let type_settings = crate::classify::type_settings(config)?;
    let app = clientele_app::App::new(store.clone(), type_settings);
    if args.demo {
        if store.count_customers().await? == 0 {
            let spec = crate::demo::DemoArgs {
                customers: args.demo_customers,
                seed: 1,
                as_of: None,
            };
            crate::demo::run(&app, &spec).await?;
            // Types from the start, so every page and profile has something to show: a
            // week ago and now, so that "who moved this week" has answers too.
            let now = app.now_millis();
            app.classify_all(Some(now - 7 * clientele_core::analytics::DAY_MS))
                .await?;
            // Then as of now, which returns the base to the wall clock.
            let saved = app.classify_all(None).await?.saved;
            tracing::info!(
                customers = saved.customers,
                transitions = saved.transitions,
                "demo base classified a week ago and now"
            );
            crate::people::demo_credentials(&app).await?;
        } else {
            tracing::info!("the database already holds customers; --demo leaves it as it is");
        }
    }
    // Pages show the types: an import stopped before its re-evaluation is finished first.
    app.settle_owed_reevaluation().await?;
    crate::people::first_admin(&app).await?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    println!(
        "Clientele is serving http://{local}/  (API: http://{local}/api/v1, OpenAPI: http://{local}/api/v1/openapi.json, docs: http://{local}/api/docs)"
    );
    let config = ServerConfig {
        max_body_bytes: args.max_body_bytes,
        type_settings,
        auth: clientele_server::AuthConfig {
            secure_cookies: args.secure_cookies,
            trusted_proxies: args.trusted_proxies,
            ..clientele_server::AuthConfig::default()
        },
        ..ServerConfig::default()
    };
    clientele_server::serve(listener, store.clone(), config, shutdown_signal())
        .await
        .context("the server stopped")?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, for a graceful shutdown.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
