package io.offheap.samples;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work on a daemon thread of its own, within a time limit: a fuzz input that hangs a reader fails the
 * test, and the next input gets a fresh thread. Not JUnit's @Timeout, which would also apply to the whole
 * fuzzing run that Jazzer executes as one invocation of the test method. Used by the readers' fuzz tests.
 */
public final class Deadline {
    /** The work to run; its exceptions and errors reach the caller unchanged. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final String threadName;
    private final int seconds;
    private ExecutorService executor;

    public Deadline(String threadName, int seconds) {
        this.threadName = threadName;
        this.seconds = seconds;
        this.executor = newExecutor();
    }

    /** Runs {@code work}; an AssertionError naming {@code what} if it takes longer than the limit. */
    public synchronized void run(String what, Work work) throws Exception {
        Future<?> running = executor.submit(() -> {
            work.run();
            return null;
        });
        try {
            running.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            executor.shutdownNow();
            executor = newExecutor();
            throw new AssertionError(what + " took more than " + seconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw (Exception) cause;
        }
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
