package io.taskshard.server;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one connector the coordinator listens on: plain http/ws, or https/wss when
 * {@code --tls-cert} is given (Javalin adds its own connector only when none was added), with
 * the {@link HttpLimits}: listen backlog, idle timeout and the header deadline.
 */
final class Connectors {
    private Connectors() {
    }

    /** @param tls null for plain http */
    static ServerConnector create(Server server, HttpConfiguration http, SSLContext tls, String host, int port,
                                  HttpLimits limits, HeaderDeadline headers) {
        ServerConnector connector = tls == null
                ? new ServerConnector(server, new HttpConnectionFactory(http))
                : new ServerConnector(server, new SslConnectionFactory(sslFactory(tls), "http/1.1"),
                        new HttpConnectionFactory(https(http)));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(limits.acceptQueue());
        connector.setIdleTimeout(limits.idleTimeoutMs());
        connector.addEventListener(headers);
        return connector;
    }

    private static SslContextFactory.Server sslFactory(SSLContext context) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        return ssl;
    }

    private static HttpConfiguration https(HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients that connect by IP address send no SNI; Jetty would answer them 400 otherwise.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return https;
    }
}
