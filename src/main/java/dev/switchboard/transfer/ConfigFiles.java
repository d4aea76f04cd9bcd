package dev.switchboard.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.api.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link ConfigFile}s. YAML by default (one item per line, no brackets or trailing
 * commas to trip a diff); a {@code .json} file is read and written as JSON. Reading checks the
 * structure and the references between entries, and names the line and column of any problem.
 */
public final class ConfigFiles {
    /** The first line of a file that holds provider-key values. */
    public static final String SECRETS_HEADER = "# CONTAINS SECRETS: provider-key values are in this file."
            + " Keep it private (it is readable by its owner only) and out of version control.";
    static final String HEADER = "# Switchboard gateway configuration (switchboard export). Provider-key values are"
            + " not included.";

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ConfigFiles() {
    }

    public enum Format { YAML, JSON;

        public static Format forName(String fileName) {
            return fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }
    }

    /** The file's text: a header line (saying whether secrets are in it), then the configuration. */
    public static String write(ConfigFile file, Format format) {
        try {
            String header = file.hasSecrets() ? SECRETS_HEADER : HEADER;
            if (format == Format.JSON) {
                // plain JSON for other tools; only a file holding values is marked, with a comment our reader allows
                return (file.hasSecrets() ? "//" + header.substring(1) + "\n" : "")
                        + JSON.writeValueAsString(file.sorted()) + "\n";
            }
            return header + "\n" + YAML.writeValueAsString(file.sorted());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the configuration: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes the file atomically (a temporary file beside it, then a rename); with secrets in it, the file
     * is readable and writable by its owner only.
     */
    public static void save(Path target, ConfigFile file) throws IOException {
        String text = write(file, Format.forName(target.getFileName().toString()));
        PrivateFiles.replace(target, text.getBytes(StandardCharsets.UTF_8), file.hasSecrets());
    }

    /** Reads and checks a file from disk (see {@link #read(String, String)}). */
    public static ConfigFile read(Path path) throws ConfigFileException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(path.toString(), 0, 0, "no such file");
        } catch (IOException e) {
            throw new ConfigFileException(path.toString(), 0, 0, "could not be read: " + e.getMessage());
        }
        return read(text, path.toString());
    }

    /** One entry (a provider, a key, ...) as YAML lines, for showing a change. Values are never included. */
    public static String entryText(Object entry) {
        if (entry == null) {
            return "";
        }
        Object shown = entry instanceof ProviderKeyEntry k ? k.withoutValue() : entry;
        try {
            return YAML.writeValueAsString(shown);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not show an entry: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses and checks a file.
     *
     * @param source the file's name, for messages
     * @throws ConfigFileException with the line and column of the first problem
     */
    public static ConfigFile read(String text, String source) throws ConfigFileException {
        String start = text.stripLeading();
        boolean json = Format.forName(source) == Format.JSON || start.startsWith("{") || start.startsWith("//");
        ObjectMapper mapper = json ? JSON : YAML;
        if (text.isBlank()) {
            throw new ConfigFileException(source, 0, 0, "the file is empty");
        }
        Map<String, JsonLocation> places = places(mapper, text, source);
        ConfigFile file;
        try {
            file = mapper.readValue(text, ConfigFile.class);
        } catch (JsonMappingException e) {
            throw mappingProblem(e, places, source);
        } catch (JsonProcessingException e) {
            throw at(source, e.getLocation(), e.getOriginalMessage());
        }
        if (file == null) {
            throw new ConfigFileException(source, 1, 1, "the file holds no configuration");
        }
        List<ConfigCheck.Problem> problems = ConfigCheck.problems(file);
        if (!problems.isEmpty()) {
            ConfigCheck.Problem first = problems.get(0);
            throw at(source, nearest(places, first.pointer()), first.message());
        }
        return file;
    }

    private static ConfigFileException mappingProblem(JsonMappingException e, Map<String, JsonLocation> places,
                                                      String source) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : String.valueOf(r.getIndex())).collect(Collectors.joining("/", "/", ""));
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : " (expected one of: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
            JsonLocation place = places.get(path);
            return at(source, place != null ? place : e.getLocation(), message);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            message = e.getCause().getMessage();
        } else {
            message = plain(e.getOriginalMessage()) + " (at " + path + ")";
        }
        JsonLocation place = nearest(places, path);
        return at(source, place != null ? place : e.getLocation(), message);
    }

    /** Jackson's message without Java class names. */
    private static String plain(String message) {
        String m = message == null ? "not readable" : message;
        m = m.replaceAll("`?(java\\.lang\\.|java\\.util\\.|dev\\.switchboard\\.transfer\\.)([A-Za-z$]+)`?", "$2");
        // a value in the wrong place may be a secret: long quoted values are not repeated
        m = m.replaceAll("\"[^\"]{8,}\"", "(a value)");
        int cut = m.indexOf('\n');
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private static ConfigFileException at(String source, JsonLocation where, String message) {
        int line = where == null || where.getLineNr() < 1 ? 0 : where.getLineNr();
        int column = where == null || where.getColumnNr() < 1 ? 0 : where.getColumnNr();
        return new ConfigFileException(source, line, column, message);
    }

    /** The place of a JSON pointer, or of its nearest parent that has one. */
    private static JsonLocation nearest(Map<String, JsonLocation> places, String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation found = places.get(p);
            if (found != null || p.isEmpty()) {
                return found;
            }
            int cut = p.lastIndexOf('/');
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
    }

    /** Where every value in the file starts, by JSON pointer ({@code /providers/2/baseUrl}). */
    private static Map<String, JsonLocation> places(ObjectMapper mapper, String text, String source)
            throws ConfigFileException {
        Map<String, JsonLocation> places = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
                var context = container ? p.getParsingContext().getParent() : p.getParsingContext();
                places.putIfAbsent(context == null ? "" : context.pathAsPointer().toString(), p.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            throw at(source, e.getLocation(), plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigFileException(source, 0, 0, "could not be read: " + e.getMessage());
        }
        return places;
    }
}
