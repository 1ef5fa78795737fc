package io.configvault.shared.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BytePipeTest {

    @Test
    void carriesEveryByteInOrderWhateverTheWriteSizes() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        BytePipe pipe = new BytePipe(4096, 4);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random sizes = new Random(11);
            try (OutputStream out = pipe.sink()) {
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, sizes.nextInt(10_000));
                    if (n == 1) {
                        out.write(data[at]);
                    } else {
                        out.write(data, at, n);
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = pipe.source()) {
            byte[] buffer = new byte[777];
            for (int n; (n = in.read(buffer)) != -1; ) {
                read.write(buffer, 0, n);
            }
            assertThat(in.read()).as("still at the end").isEqualTo(-1);
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(read.toByteArray()).isEqualTo(data);
    }

    @Test
    void aWriterAheadOfItsReaderWaitsWithNoMoreThanTheChunksInBetween() throws Exception {
        BytePipe pipe = new BytePipe(1024, 3);
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = pipe.sink()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1024]);
                    written.addAndGet(1024);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        awaitBlocked(writer);
        // Three chunks wait in the pipe; the fourth write filled the writer's own buffer and
        // waits to hand it over.
        assertThat(written.get()).isEqualTo(3 * 1024);
        try (InputStream in = pipe.source()) {
            assertThat(in.readAllBytes()).hasSize(100 * 1024);
        }
        writer.join();
    }

    @Test
    void aWriterThatGivesUpFailsTheReaderWithItsReason() throws Exception {
        BytePipe pipe = new BytePipe(16, 2);
        InputStream in = pipe.source();
        OutputStream out = pipe.sink();
        out.write(new byte[16]);
        IOException reason = new IOException("the disk is full");
        pipe.abort(reason);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                .hasMessageContaining("the disk is full").hasCause(reason);
        assertThatThrownBy(() -> out.write(new byte[16])).isInstanceOf(IOException.class)
                .hasCause(reason);
    }

    @Test
    void aReaderThatGivesUpWakesAWriterBlockedOnAFullPipe() throws Exception {
        BytePipe pipe = new BytePipe(16, 1);
        CompletableFuture<Throwable> writer = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try (OutputStream out = pipe.sink()) {
                while (true) {
                    out.write(new byte[16]);
                }
            } catch (IOException e) {
                writer.complete(e);
            }
        });
        awaitBlocked(thread);
        assertThat(writer).as("blocked on the full pipe").isNotDone();
        IOException reason = new IOException("cannot encrypt");
        pipe.abort(reason);
        assertThat(writer.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasCause(reason);
    }

    @Test
    void aReaderThatClosesEarlyFailsTheWriterInsteadOfBlockingIt() throws Exception {
        BytePipe pipe = new BytePipe(16, 1);
        OutputStream out = pipe.sink();
        out.write(new byte[16]); // handed over on the next chunk
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[16]);
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        pipe.source().close();
        assertThat(writer.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("reading side stopped");
    }

    @Test
    void aReaderWaitingForDataLearnsOfTheEndAtOnce() throws Exception {
        BytePipe pipe = new BytePipe(8, 2);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = pipe.source()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        OutputStream out = pipe.sink();
        out.write(new byte[] {1, 2, 3});
        out.close();
        out.close();
        assertThat(reader.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class)
                .hasMessageContaining("already ended");
    }

    /** Waits until {@code thread} waits on the pipe's lock (at most the class' timeout). */
    private static void awaitBlocked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).as("the writer still runs").isTrue();
            Thread.onSpinWait();
        }
    }

    @Test
    void refusesAPipeWithoutRoom() {
        assertThatThrownBy(() -> new BytePipe(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BytePipe(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
