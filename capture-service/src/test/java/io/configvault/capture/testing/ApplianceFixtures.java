package io.configvault.capture.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The files of real appliances, laid out under a temporary root as they are on the box: a
 * TrueNAS (configuration database shaped like {@code freenas-v1.db}, password secret seed, SSH
 * host keys, root's authorized keys) and a Passbolt server (a stand-in {@code mysqldump} that
 * checks how it is called, the option file, {@code /etc/passbolt}, avatars). Contents are fake
 * but of the right form; nothing here is a real secret.
 */
public final class ApplianceFixtures {

    private ApplianceFixtures() {
    }

    /** A TrueNAS under {@code root}. */
    public static Path truenas(Path root) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path database = data.resolve("freenas-v1.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE system_settings (id integer PRIMARY KEY,"
                    + " stg_guiaddress text, stg_guiport integer, stg_guihttpsport integer,"
                    + " stg_timezone varchar(120), stg_language varchar(120))");
            sql.execute("INSERT INTO system_settings VALUES (1, '[\"0.0.0.0\"]', 80, 443,"
                    + " 'Europe/Berlin', 'en')");
            sql.execute("CREATE TABLE network_globalconfiguration (id integer PRIMARY KEY,"
                    + " gc_hostname varchar(120), gc_domain varchar(120))");
            sql.execute("INSERT INTO network_globalconfiguration VALUES (1, 'nas-17', 'lan')");
            sql.execute("CREATE TABLE account_bsdusers (id integer PRIMARY KEY,"
                    + " bsdusr_uid integer, bsdusr_username varchar(16),"
                    + " bsdusr_unixhash varchar(128), bsdusr_smbhash varchar(128),"
                    + " bsdusr_home varchar(255), bsdusr_shell varchar(120),"
                    + " bsdusr_sshpubkey text)");
            sql.execute("INSERT INTO account_bsdusers VALUES (1, 0, 'root', '$6$rounds=656000"
                    + "$fakesalt$fakehash', '*', '/root', '/usr/bin/zsh', ''),"
                    + " (2, 950, 'admin', '$6$rounds=656000$fakesalt2$fakehash2', '*',"
                    + " '/home/admin', '/usr/bin/zsh', 'ssh-ed25519 AAAAC3Nza admin@laptop')");
            sql.execute("CREATE TABLE services_ssh (id integer PRIMARY KEY,"
                    + " ssh_tcpport integer, ssh_passwordauth bool,"
                    + " ssh_host_ed25519_key text, ssh_host_ed25519_key_pub text)");
            sql.execute("INSERT INTO services_ssh VALUES (1, 22, 0, 'LS0tLS1CRUdJTi4uLg==',"
                    + " 'c3NoLWVkMjU1MTkgQUFBQQ==')");
            sql.execute("CREATE TABLE system_keychaincredential (id integer PRIMARY KEY,"
                    + " name varchar(255), type varchar(255), attributes text)");
            sql.execute("INSERT INTO system_keychaincredential VALUES (1, 'backup-target',"
                    + " 'SSH_CREDENTIALS', 'gAAAAABfakeFernetTokenEncryptedWithPwencSecret==')");
        }
        mode(database, "rw-r--r--");
        Path seed = Files.createFile(data.resolve("pwenc_secret"));
        byte[] secret = new byte[32];
        new Random(17).nextBytes(secret);
        Files.write(seed, secret);
        mode(seed, "rw-------");

        Path ssh = Files.createDirectories(root.resolve("etc/ssh"));
        for (String type : List.of("ecdsa", "ed25519", "rsa")) {
            mode(Files.writeString(ssh.resolve("ssh_host_" + type + "_key"),
                    "-----BEGIN OPENSSH PRIVATE KEY-----\nfake " + type + " host key\n"
                            + "-----END OPENSSH PRIVATE KEY-----\n"), "rw-------");
            mode(Files.writeString(ssh.resolve("ssh_host_" + type + "_key.pub"),
                    "ssh-" + type + " AAAAfake root@nas-17\n"), "rw-r--r--");
        }
        Files.writeString(ssh.resolve("sshd_config"), "PermitRootLogin without-password\n");
        Files.writeString(ssh.resolve("moduli"), "20230101000000 2 6 100 2047 2 FFFF\n");
        Files.createDirectories(ssh.resolve("sshd_config.d"));
        // A link the profile does not select: it must not disturb the capture.
        Files.createSymbolicLink(ssh.resolve("ssh_config.local"), Path.of("ssh_config"));

        Path rootSsh = Files.createDirectories(root.resolve("root/.ssh"));
        mode(Files.writeString(rootSsh.resolve("authorized_keys"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKey admin@laptop\n"), "rw-------");
        return root;
    }

    /** The user names in a copy of a TrueNAS configuration database. */
    public static List<String> truenasUsers(Path database) throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(
                     "SELECT bsdusr_username FROM account_bsdusers ORDER BY id")) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        return users;
    }

    /** A Passbolt server under {@code root}; its mysqldump is {@code root/usr/bin/mysqldump}. */
    public static Path passbolt(Path root) throws Exception {
        Fixtures.script(root.resolve("usr/bin/mysqldump"), MYSQLDUMP);
        Path options = Files.createDirectories(root.resolve("etc/configvault"))
                .resolve("passbolt-mysql.cnf");
        mode(Files.writeString(options, "[client]\nuser=passbolt\npassword=hunter2\n"
                + "host=localhost\n"), "rw-------");

        Path etc = Files.createDirectories(root.resolve("etc/passbolt"));
        mode(Files.writeString(etc.resolve("passbolt.php"), "<?php\nreturn [\n"
                + "    'App' => ['fullBaseUrl' => 'https://passbolt.lan'],\n"
                + "    'Datasources' => ['default' => ['username' => 'passbolt',"
                + " 'password' => 'hunter2', 'database' => 'passbolt']],\n"
                + "    'passbolt' => ['gpg' => ['serverKey' => ['fingerprint' =>"
                + " '2FC8945833C51946E937F9FED47B0811573EE67E']]],\n];\n"), "rw-r-----");
        Path gpg = Files.createDirectories(etc.resolve("gpg"));
        mode(Files.writeString(gpg.resolve("serverkey.asc"),
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFakeServerKey\n"
                        + "-----END PGP PUBLIC KEY BLOCK-----\n"), "rw-r--r--");
        mode(Files.writeString(gpg.resolve("serverkey_private.asc"),
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQcYBFakeServerKey\n"
                        + "-----END PGP PRIVATE KEY BLOCK-----\n"), "rw-r-----");
        Path jwt = Files.createDirectories(etc.resolve("jwt"));
        mode(Files.writeString(jwt.resolve("jwt.key"), "-----BEGIN PRIVATE KEY-----\nfake\n"
                + "-----END PRIVATE KEY-----\n"), "rw-r-----");
        mode(Files.writeString(jwt.resolve("jwt.pem"), "-----BEGIN PUBLIC KEY-----\nfake\n"
                + "-----END PUBLIC KEY-----\n"), "rw-r-----");

        Path avatars = Files.createDirectories(
                root.resolve("usr/share/php/passbolt/webroot/img/public/Avatar"));
        image(avatars.resolve("0f/4a/ada.png"), PNG);
        image(avatars.resolve("7c/91/grace.jpg"), JPEG);
        Files.writeString(avatars.resolve("README.txt"), "Uploaded avatars live here.\n");
        Files.writeString(avatars.getParent().resolve(".htaccess"), "Options -Indexes\n");
        return root;
    }

    /**
     * The text of a shipped profile ({@code deploy/profiles/<name>}) with its absolute paths
     * (those under /data, /etc, /root, /usr and /var) moved under {@code root}.
     */
    public static String profile(String name, Path root) throws IOException {
        Path file = Path.of(System.getProperty("configvault.root", ".."), "deploy", "profiles",
                name);
        return Files.readString(file).replaceAll("(?<=[\\s\"'=])/(?=(data|etc|root|usr|var)/)",
                Matcher.quoteReplacement(root + "/"));
    }

    /** Deletes a directory tree (links are deleted, never followed). */
    public static void deleteTree(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
        0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0,
        16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xff, (byte) 0xd9};

    /** Checks its options as the real tool would need them, then prints a MariaDB-style dump. */
    private static final String MYSQLDUMP = """
            # Stand-in for mysqldump: refuses to run unless called as the profile promises.
            case "$1" in
              --defaults-extra-file=*) options="${1#--defaults-extra-file=}" ;;
              *) echo "mysqldump: --defaults-extra-file must be the first option" >&2; exit 7 ;;
            esac
            grep -q '^\\[client\\]' "$options" || {
              echo "mysqldump: no [client] group in $options" >&2; exit 7; }
            shift
            opts=""
            db=""
            for arg in "$@"; do
              case "$arg" in
                -p*|--password*) echo "mysqldump: password on the command line" >&2; exit 7 ;;
              esac
              if [ -n "$db" ]; then opts="$opts $db"; fi
              db="$arg"
            done
            host=$(sed -n 's/^host=//p' "$options")
            cat <<DUMP
            -- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
            --
            -- Host: $host    Database: $db
            -- options:$opts
            -- ------------------------------------------------------
            /*!40101 SET NAMES utf8mb4 */;
            DROP TABLE IF EXISTS \\`users\\`;
            CREATE TABLE \\`users\\` (
              \\`id\\` char(36) NOT NULL,
              \\`username\\` varchar(255) NOT NULL,
              PRIMARY KEY (\\`id\\`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            INSERT INTO \\`users\\` VALUES ('0c4c9b2e-0e0a-4d59-9d8e-3f1f5e1a2b3c','ada@example.com');
            DROP TABLE IF EXISTS \\`secrets\\`;
            CREATE TABLE \\`secrets\\` (
              \\`id\\` char(36) NOT NULL,
              \\`data\\` mediumtext NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            INSERT INTO \\`secrets\\` VALUES ('5b1f','-----BEGIN PGP MESSAGE-----\\\\nhQIMfake\\\\n-----END PGP MESSAGE-----');
            -- Dump completed
            DUMP
            """;

    private static void image(Path path, byte[] header) throws IOException {
        Files.createDirectories(path.getParent());
        mode(Files.write(path, header), "rw-r--r--");
    }

    private static Path mode(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }
}
