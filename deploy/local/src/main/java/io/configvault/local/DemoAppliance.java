package io.configvault.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The demo appliance's configuration, created on first start: a SQLite database of plausible NAS
 * settings (one row holds a secret) in WAL mode, an SSH host key pair and an app config file.
 * The key material is random demo data, not a usable key.
 */
final class DemoAppliance {

    static final String ID = "demo-nas";
    static final String FLEET = "demo";

    private final Path dir;

    DemoAppliance(Path dir) {
        this.dir = dir;
    }

    Path database() {
        return dir.resolve("config.db");
    }

    Path hostKey() {
        return dir.resolve("ssh/ssh_host_ed25519_key");
    }

    Path hostPublicKey() {
        return dir.resolve("ssh/ssh_host_ed25519_key.pub");
    }

    Path appConfig() {
        return dir.resolve("app.conf");
    }

    void createIfMissing() throws IOException, SQLException {
        Files.createDirectories(dir.resolve("ssh"));
        if (!Files.exists(database())) {
            createDatabase();
        }
        if (!Files.exists(hostKey())) {
            String random = HexFormat.of().formatHex(randomBytes(32));
            Files.writeString(hostKey(), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                    + "DEMO-ONLY-" + random + "\n-----END OPENSSH PRIVATE KEY-----\n");
            Files.writeString(hostPublicKey(), "ssh-ed25519 DEMO" + random.substring(0, 32)
                    + " root@demo-nas\n");
        }
        if (!Files.exists(appConfig())) {
            Files.writeString(appConfig(), "# demo appliance service configuration\n"
                    + "listen = 0.0.0.0:443\nlog_level = info\nsmb_workgroup = WORKGROUP\n");
        }
    }

    private void createDatabase() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            sql.execute("INSERT INTO system_settings VALUES ('hostname', 'demo-nas'),"
                    + " ('timezone', 'Europe/Berlin'), ('ntp_server', 'pool.ntp.org'),"
                    + " ('ui_port', '443')");
            sql.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,"
                    + " password_hash TEXT, shell TEXT)");
            sql.execute("INSERT INTO users (username, password_hash, shell) VALUES"
                    + " ('root', '$6$demo$" + HexFormat.of().formatHex(randomBytes(16))
                    + "', '/bin/sh'), ('backup', '*', '/usr/sbin/nologin')");
            sql.execute("CREATE TABLE network_interfaces (name TEXT PRIMARY KEY, ipv4 TEXT,"
                    + " mtu INTEGER)");
            sql.execute("INSERT INTO network_interfaces VALUES ('eth0', '192.0.2.10/24', 1500)");
            sql.execute("CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            sql.execute("INSERT INTO secrets VALUES ('cloud_sync_api_key', 'demo-secret-"
                    + HexFormat.of().formatHex(randomBytes(12)) + "')");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
