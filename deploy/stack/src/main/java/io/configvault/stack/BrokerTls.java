package io.configvault.stack;

import java.nio.file.Path;

/**
 * The TLS material of a {@link KafkaBroker}'s SSL listener, which requires client certificates
 * ({@code ssl.client.auth=required}: mutual TLS).
 *
 * @param keystore   PKCS12 file with the broker's key and certificate (its SAN must name
 *                   127.0.0.1, the advertised host)
 * @param truststore PKCS12 file with the CA that signs the clients' certificates
 * @param password   the password of both files (and of the key)
 */
public record BrokerTls(Path keystore, Path truststore, String password) {
}
