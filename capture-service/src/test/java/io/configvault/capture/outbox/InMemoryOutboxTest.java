package io.configvault.capture.outbox;

import java.nio.file.Path;

class InMemoryOutboxTest extends OutboxContract {

    @Override
    Outbox open(Path dir) {
        return new InMemoryOutbox(dir.resolve("spool"));
    }
}
