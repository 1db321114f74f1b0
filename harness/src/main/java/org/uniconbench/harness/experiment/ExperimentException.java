package org.uniconbench.harness.experiment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An experiment file that cannot be used: unreadable, not YAML, or with values the schema rejects.
 *
 * <p>The message has one line per problem, each
 * {@code file:line: path = value what is wrong; allowed: what is allowed}, so a user can fix every
 * problem of the file in one pass. The command line maps this exception to exit code
 * {@value #EXIT_CODE} and prints the message without a stack trace.
 */
public final class ExperimentException extends RuntimeException {

    /** The process exit code for a bad experiment file (a usage error, not a crash). */
    public static final int EXIT_CODE = 2;

    private static final long serialVersionUID = 1L;

    /**
     * One problem in an experiment file.
     *
     * @param source  the file as named to the loader
     * @param line    1-based line number, or 0 when the problem has no place in the file
     * @param path    path in the document such as {@code arms[1].adapter.width}; empty for the whole file
     * @param message what is wrong and what is allowed, without the location prefix
     */
    public record Problem(String source, int line, String path, String message) {

        /** The problem as one line: {@code source:line: message}. */
        @Override
        public String toString() {
            return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    /** Creates an exception reporting the given problems (at least one) in file order. */
    public ExperimentException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for a problem that stops reading the file altogether. */
    public ExperimentException(Problem problem, Throwable cause) {
        super(format(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** All problems, in the order of their lines. */
    public List<Problem> problems() {
        return problems;
    }

    /** Path in the document of the first problem, e.g. {@code arms[1].adapter.width}; empty for the whole file. */
    public String path() {
        return problems.get(0).path();
    }

    /** 1-based line of the first problem, or 0 when it has none (for example a missing file). */
    public int line() {
        return problems.get(0).line();
    }

    private static String format(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ExperimentException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
