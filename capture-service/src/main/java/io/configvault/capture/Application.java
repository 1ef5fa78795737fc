package io.configvault.capture;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.shared.logging.LogFormat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the capture service. Configuration comes from {@code application.yml} (defaults), an
 * external file ({@code -Dmicronaut.config.files=/etc/configvault/capture.yml}), system
 * properties ({@code -Dcapture.appliance-id=nas-17}) and environment variables
 * ({@code CAPTURE_APPLIANCE_ID=nas-17}). A configuration error stops the process with exit code
 * 2 and one log line saying what is wrong and which setting to fix; any other startup failure
 * exits with 1.
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) throws InterruptedException {
        var logFormat = LogFormat.problem(System.getProperties(), System.getenv());
        if (logFormat.isPresent()) {
            System.err.println("Cannot start capture: " + logFormat.get());
            System.exit(2);
            return;
        }
        ApplicationContext context = ApplicationContext.builder()
                .mainClass(Application.class)
                .args(args)
                .banner(false)
                .build();
        EmbeddedServer server;
        try {
            context.start();
            server = context.getBean(EmbeddedServer.class);
            server.start();
        } catch (RuntimeException e) {
            InvalidConfigurationException invalid = configurationError(e);
            if (invalid != null) {
                LOG.error("{}", invalid.getMessage());
            } else {
                LOG.error("Cannot start capture", e);
            }
            closeQuietly(context);
            System.exit(invalid != null ? 2 : 1);
            return;
        }
        LOG.info("Capture agent API listening on {}", server.getURL());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Capture agent shutting down");
            closeQuietly(context);
            stopped.countDown();
        }, "capture-shutdown"));
        stopped.await();
    }

    /** The configuration error behind a startup failure, if that is what it was. */
    static InvalidConfigurationException configurationError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static void closeQuietly(ApplicationContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping: {}", e.toString());
        }
    }
}
