package dev.switchboard.transfer;

/** A configuration file that cannot be used, with where the problem is (line and column from 1; 0 when unknown). */
public final class ConfigFileException extends Exception {
    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public ConfigFileException(String source, int line, int column, String problem) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The problem alone, without the file name and place. */
    public String problem() {
        return problem;
    }
}
