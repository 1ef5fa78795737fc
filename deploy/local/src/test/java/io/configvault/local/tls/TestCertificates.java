package io.configvault.local.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the TLS test and the PKCS12 files Kafka reads: a
 * truststore with the CA, and keystores with a key and its certificate signed by the CA (the
 * broker's names 127.0.0.1 and localhost; a client's is its common name only). EC P-256 keys,
 * valid for a day. Every file has the same password.
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String password;
    private final KeyPair caKey;
    private final X509Certificate ca;

    TestCertificates(Path dir, String password) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.password = password;
        this.caKey = keyPair();
        X500Name name = new X500Name("CN=ConfigVault test CA");
        X509v3CertificateBuilder builder = builder(name, name, caKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(builder, caKey);
    }

    String password() {
        return password;
    }

    /** {@code <name>.truststore.p12}: the CA only. */
    Path truststore(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        return save(store, name + ".truststore.p12");
    }

    /** {@code <name>.keystore.p12}: the broker's key, its certificate naming 127.0.0.1. */
    Path brokerKeystore(String name) throws Exception {
        return keystore(name, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
    }

    /** {@code <name>.keystore.p12}: a client's key and certificate. */
    Path clientKeystore(String name) throws Exception {
        return keystore(name, null);
    }

    private Path keystore(String name, GeneralNames alternativeNames) throws Exception {
        KeyPair key = keyPair();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=ConfigVault test CA"),
                new X500Name("CN=" + name), key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (alternativeNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        X509Certificate certificate = sign(builder, caKey);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, key.getPrivate(), password.toCharArray(),
                new X509Certificate[] {certificate, ca});
        return save(store, name + ".keystore.p12");
    }

    private Path save(KeyStore store, String file) throws IOException, GeneralSecurityException {
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        }
        return path;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
                                                    KeyPair key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, key.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
