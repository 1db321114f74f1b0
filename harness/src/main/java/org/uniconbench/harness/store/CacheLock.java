package org.uniconbench.harness.store;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one cache entry ({@code runs/.cache/NAME.lock} beside {@code NAME.ucb}), so
 * that runs started together wait for one pre-training instead of each doing it: the first holds
 * the lock while it builds the entry, the others block, then find the entry made. Across processes
 * it is an OS file lock (released by the kernel when a holder dies, even by {@code kill -9}); threads
 * of one JVM, which the OS lock does not separate, also queue on an in-process lock.
 */
public final class CacheLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a cache entry, waiting (and saying so) while another run holds it.
     *
     * @param entry the cache file the lock guards
     * @param out where "waiting" is said
     * @return the held lock; close it to release
     */
    public static CacheLock acquire(Path entry, PrintWriter out) {
        Path file = entry.toAbsolutePath().normalize().resolveSibling(lockName(entry));
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        if (!local.tryLock()) {
            waiting(out, entry);
            local.lock();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                waiting(out, entry);
                lock = channel.lock();
            }
            return new CacheLock(local, channel, lock);
        } catch (IOException | RuntimeException ex) {
            closeQuietly(channel);
            local.unlock();
            if (ex instanceof IOException io) {
                throw new UncheckedIOException("cannot lock the cache entry " + file, io);
            }
            throw (RuntimeException) ex;
        }
    }

    /** {@code backbone-abc.ucb} is guarded by {@code backbone-abc.lock}. */
    static String lockName(Path entry) {
        String name = entry.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".lock";
    }

    private static void waiting(PrintWriter out, Path entry) {
        out.println("cache: another run is making " + entry + "; waiting for it (it is reused afterwards)");
        out.flush();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ex) {
            // the channel's close below releases it as well
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ex) {
                // nothing held any more
            }
        }
    }
}
