/** Background work the vault repeats on its own thread (restore drills, retention passes). */
package io.configvault.vault.periodic;
