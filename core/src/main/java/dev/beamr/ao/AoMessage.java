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
    /**
     * One tag: AO's tags are ordered name/value pairs, and a name may repeat.
     *
     * @param name  the tag's name, such as {@code "Action"}
     * @param value the tag's value
     */
    public record Tag(String name, String value) {
        /**
         * Creates a tag.
         *
         * @param name  the tag's name, such as {@code "Action"}
         * @param value the tag's value
         * @throws NullPointerException {@code name} or {@code value} is null
         */
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

    /** {@return a builder for a message with no fields or tags set and empty data} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an {@code Eval} message: the process runs the code as Lua and answers with what it
     * returns. AO processes accept it only from their owner, which is the default sender.
     *
     * @param code the Lua code, sent as the message's {@code Data}
     * @return a message with the tag {@code Action = Eval} and the code as data
     * @throws NullPointerException {@code code} is null
     */
    public static AoMessage eval(String code) {
        return builder().action("Eval").data(code).build();
    }

    /**
     * Looks up one of the message's fields as set on the builder.
     *
     * @param name the field's JSON name: {@code "Id"}, {@code "Owner"}, {@code "From"}, {@code "Target"},
     *             {@code "Module"}, {@code "Block-Height"} or {@code "Timestamp"}
     * @return the field's value, or null when it was not set and the process fills it in
     */
    public String field(String name) {
        return fields.get(name);
    }

    /** {@return the message's tags in the order they were added (unmodifiable)} */
    public List<Tag> tags() {
        return tags;
    }

    /** {@return the message's {@code Data}; empty unless set} */
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

    /**
     * Collects a message; every setter returns the builder and refuses null with
     * {@link NullPointerException}. Not safe for use by several threads at once.
     */
    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final List<Tag> tags = new ArrayList<>();
        private String data = "";

        private Builder() {}

        /**
         * Sets the message's id; by default the process numbers its messages from 1.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(String id) {
            return field(ID, id);
        }

        /**
         * Sets the signer; defaults to the process's owner. It is also the default sender.
         *
         * @param owner the signer's address
         * @return this builder
         */
        public Builder owner(String owner) {
            return field(OWNER, owner);
        }

        /**
         * Sets the sender; defaults to the message's owner, whom an AO process trusts with
         * {@code Eval}.
         *
         * @param from the sender's address
         * @return this builder
         */
        public Builder from(String from) {
            return field(FROM, from);
        }

        /**
         * Sets the process the message is addressed to; defaults to the process it is sent to.
         *
         * @param target the process id
         * @return this builder
         */
        public Builder target(String target) {
            return field(TARGET, target);
        }

        /**
         * Sets the module id the message names; defaults to the process's module id.
         *
         * @param module the module id
         * @return this builder
         */
        public Builder module(String module) {
            return field(MODULE, module);
        }

        /**
         * Sets the block height the message was scheduled at; defaults to the message's number.
         *
         * @param height the block height, sent as a decimal string
         * @return this builder
         */
        public Builder blockHeight(long height) {
            return field(BLOCK_HEIGHT, Long.toString(height));
        }

        /**
         * Sets when the message was scheduled; defaults to the host's clock, or the message's number
         * in deterministic mode.
         *
         * @param epochMillis milliseconds since 1970-01-01T00:00Z, sent as a decimal string
         * @return this builder
         */
        public Builder timestamp(long epochMillis) {
            return field(TIMESTAMP, Long.toString(epochMillis));
        }

        /**
         * Adds a tag after those already added; a name may repeat.
         *
         * @param name  the tag's name
         * @param value the tag's value
         * @return this builder
         */
        public Builder tag(String name, String value) {
            tags.add(new Tag(name, value));
            return this;
        }

        /**
         * Adds the {@code Action} tag, which selects the process's handler.
         *
         * @param action the action, such as {@code "Eval"}
         * @return this builder
         */
        public Builder action(String action) {
            return tag("Action", action);
        }

        /**
         * Sets the message's {@code Data} (empty by default).
         *
         * @param data the data, such as Lua code for {@code Eval}
         * @return this builder
         */
        public Builder data(String data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /** {@return an immutable message of the settings so far; the builder may go on being used} */
        public AoMessage build() {
            return new AoMessage(this);
        }

        private Builder field(String name, String value) {
            fields.put(name, Objects.requireNonNull(value, name));
            return this;
        }
    }
}
