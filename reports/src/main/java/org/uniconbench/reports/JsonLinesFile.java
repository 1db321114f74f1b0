package org.uniconbench.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-lines log of a run folder ({@code metrics.jsonl}, {@code curve.jsonl}): a missing file
 * is no lines, blank lines are skipped, and an unparsable LAST line is dropped (the writer appends and
 * flushes line by line, so a run killed while writing leaves a truncated last line); any other line
 * that is not JSON is a {@link ReportException} naming the file and line. Checking each object's fields
 * is the caller's.
 */
final class JsonLinesFile {

    /**
     * One parsed line.
     *
     * @param where {@code FILE:LINE}, for messages
     * @param node the parsed value (any JSON; the caller checks it is the object it expects)
     */
    record Line(String where, JsonNode node) {
    }

    private JsonLinesFile() {
    }

    /**
     * The lines of {@code file} in order.
     *
     * @param file the log
     * @param json the mapper (NaN tokens allowed or not)
     * @param shape what a line should look like, for the message about a bad one
     * @return the parsed lines; empty when the file does not exist
     */
    static List<Line> read(Path file, ObjectMapper json, String shape) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(file + " could not be read: " + e.getMessage(), e);
        }
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(new Line(file + ":" + (i + 1), json.readTree(lines.get(i))));
            } catch (JsonProcessingException e) {
                if (i == last) {
                    break; // truncated final line: the writer was interrupted
                }
                throw new ReportException(file + ":" + (i + 1) + " is not valid JSON (" + e.getOriginalMessage()
                        + "): each line must be " + shape, e);
            }
        }
        return out;
    }
}
