package dev.beamr.ao;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to an AO process, in AO's JSON shape: {@code Id}, {@code Owner}, {@code From},
 * {@code Target}, {@code Module}, {@code Block-Height}, {@code Timestamp} (strings), {@code Tags}
 * (a list of {@code {"name", "value"}}) and {@code Data}. Fields left unset are filled in by the
 * {@link AoProcess} the message is sent to (see {@link AoProcess#send}).
 */
public final class AoMessage {
    /** One tag: AO's tags are ordered name/value pairs, and a name may repeat. */
    public record Tag(String name, String value) {
        public Tag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    static final String ID = "Id";
    static final String OWNER = "Owner";
    static final String FROM = "From";
    static final String TARGET = "Target";
    static final String MODULE = "Module";
    static final String BLOCK_HEIGHT = "Block-Height";
    static final String TIMESTAMP = "Timestamp";

    private final Map<String, String> fields;
    private final List<Tag> tags;
    private final String data;

    private AoMessage(Builder builder) {
        this.fields = Map.copyOf(builder.fields);
        this.tags = List.copyOf(builder.tags);
        this.data = builder.data;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An {@code Eval} message: the process runs {@code code} as Lua and answers with what it returns. */
    public static AoMessage eval(String code) {
        return builder().action("Eval").data(code).build();
    }

    /** The field {@code name} (such as {@code "From"}), or null when the process fills it in. */
    public String field(String name) {
        return fields.get(name);
    }

    public List<Tag> tags() {
        return tags;
    }

    public String data() {
        return data;
    }

    /** The message as AO's JSON object, unset fields taken from {@code defaults}. */
    Map<String, Object> toJson(Map<String, String> defaults) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String name : List.of(ID, OWNER, FROM, TARGET, MODULE, BLOCK_HEIGHT, TIMESTAMP)) {
            String value = fields.getOrDefault(name, defaults.get(name));
            if (value != null) json.put(name, value);
        }
        json.put("Tags", tagsJson(tags));
        json.put("Data", data);
        return json;
    }

    static List<Object> tagsJson(List<Tag> tags) {
        List<Object> list = new ArrayList<>(tags.size());
        for (Tag tag : tags) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", tag.name());
            entry.put("value", tag.value());
            list.add(entry);
        }
        return list;
    }

    /** Collects a message; every setter returns the builder. */
    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final List<Tag> tags = new ArrayList<>();
        private String data = "";

        private Builder() {}

        public Builder id(String id) {
            return field(ID, id);
        }

        /** The signer; defaults to the process's owner. */
        public Builder owner(String owner) {
            return field(OWNER, owner);
        }

        /** The sender; defaults to the owner, whom an AO process trusts with {@code Eval}. */
        public Builder from(String from) {
            return field(FROM, from);
        }

        public Builder target(String target) {
            return field(TARGET, target);
        }

        public Builder module(String module) {
            return field(MODULE, module);
        }

        public Builder blockHeight(long height) {
            return field(BLOCK_HEIGHT, Long.toString(height));
        }

        public Builder timestamp(long epochMillis) {
            return field(TIMESTAMP, Long.toString(epochMillis));
        }

        /** Adds a tag after those already added. */
        public Builder tag(String name, String value) {
            tags.add(new Tag(name, value));
            return this;
        }

        /** Adds the {@code Action} tag, which selects the process's handler. */
        public Builder action(String action) {
            return tag("Action", action);
        }

        public Builder data(String data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        public AoMessage build() {
            return new AoMessage(this);
        }

        private Builder field(String name, String value) {
            fields.put(name, Objects.requireNonNull(value, name));
            return this;
        }
    }
}
