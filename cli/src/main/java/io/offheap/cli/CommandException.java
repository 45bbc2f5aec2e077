package io.offheap.cli;

/** Ends a command with a one-line message and an exit code: usage errors and unreadable inputs. */
final class CommandException extends Exception {
    final int exitCode;

    CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }
}
