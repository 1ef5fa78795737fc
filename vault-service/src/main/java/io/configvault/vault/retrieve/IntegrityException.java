package io.configvault.vault.retrieve;

/**
 * A stored snapshot did not verify (altered, swapped or truncated object, wrong key), or cannot
 * be verified with the keys the vault holds ({@link StorageKeyUnavailableException}). No
 * plaintext of it has been released. The message is for logs; API answers stay generic.
 */
public class IntegrityException extends Exception {

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
