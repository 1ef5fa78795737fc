/**
 * The OpenPGP layer both services use: key generation and loading ({@link
 * io.configvault.shared.crypto.OpenPgpKeys}), sign-and-encrypt ({@link
 * io.configvault.shared.crypto.OpenPgpEncryptor}) and decrypt-and-verify ({@link
 * io.configvault.shared.crypto.OpenPgpDecryptor}).
 *
 * <h2>Profile</h2>
 * One profile, chosen so that stock GnuPG 2.2 reads everything we write (an operator holding an
 * escrow secret key recovers a snapshot with {@code gpg --decrypt}, ARCHITECTURE decision 2):
 * <ul>
 *   <li>v4 keys; primary key EdDSA/Ed25519 ("legacy" algorithm 22) for certify + sign, one subkey
 *       ECDH/Curve25519 (legacy algorithm 18, KDF SHA-256 + AES-128 key wrap, as GnuPG makes it)
 *       for encryption; self-signatures SHA-512; preferences AES-256/192/128, SHA-512/384/256,
 *       uncompressed only (so that plain {@code gpg -e -s} to our keys does not compress);
 *       secret keys protected with AES-256 under an iterated and salted SHA-256 S2K;</li>
 *   <li>messages: v3 public-key session key packets, AES-256 in a symmetrically encrypted
 *       integrity-protected data packet (SEIPD v1, i.e. with MDC), a v3 one-pass signature and a
 *       v4 SHA-512 signature by the sender, binary literal data, <em>no compression</em>.</li>
 * </ul>
 * Keys read from elsewhere (e.g. an operator's escrow key made by gpg) may also be RSA of 2048
 * bits or more, ECDSA/ECDH or the RFC 9580 Ed25519/X25519 algorithms, as long as their
 * self-signatures verify with SHA-256/384/512.
 *
 * <p>The reader is strict: it accepts only SEIPD v1 with AES-128/192/256, signatures hashed with
 * SHA-256/384/512, exactly one one-pass-signed literal data packet, from the one required signer;
 * it rejects compressed data (which also closes the decompression-bomb door), password (SKESK)
 * packets, more recipients than its limit, non-canonical session key packets and any byte
 * after the message. Everything checkable before decryption is checked before the first
 * plaintext byte is written. Small packets are read with size limits before Bouncy Castle
 * parses them. Secret keys stored without passphrase protection are refused when read.
 * Every rejection is an {@link io.configvault.shared.crypto.OpenPgpException} with a
 * {@link io.configvault.shared.crypto.OpenPgpException.Reason}. One limit of the format itself:
 * the session key packets of <em>other</em> recipients are not covered by any integrity check,
 * so damage there goes unnoticed by a recipient whose own packet is intact (a digest of the
 * whole object, such as the one the vault keeps, catches it).
 *
 * <h2>Streaming</h2>
 * Both directions stream with fixed-size buffers; memory use does not depend on message size.
 * The decryptor writes plaintext as it decrypts, and the integrity check (MDC) and the signature
 * can only be checked at the end of the stream: <strong>plaintext written by {@code decrypt} must
 * not be used unless the call returned normally</strong> (write it to a spool file and delete the
 * spool on any exception).
 *
 * <h2>Dependencies</h2>
 * Bouncy Castle ({@code bcpg}, {@code bcprov}) and the JDK only; no framework. The asymmetric
 * operations use a private instance of the Bouncy Castle provider (it is not registered with
 * {@link java.security.Security}); the symmetric cipher is the JDK's SunJCE AES, about 3.5 times
 * faster than Bouncy Castle's; bulk digests (MDC, signature hashes, S2K) are the JDK's, which
 * use the CPU's SHA instructions.
 */
package io.configvault.shared.crypto;
