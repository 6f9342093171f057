package org.consensusledger.command.web;

import org.consensusledger.web.InstantWindow;
import org.consensusledger.web.RefusedInput;
import org.consensusledger.web.TextRules;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import java.time.Instant;

/**
 * How the command API reads request bodies (Jackson 3, Spring MVC's mapper): strictly, since what it reads is
 * recorded for ever. A value of the wrong JSON type is refused rather than converted (no {@code true} or {@code 3}
 * as a text, no text as a number, no {@code 1.5} cut to {@code 1}, no enum by its position), as are unknown fields,
 * a field given twice and anything after the JSON value. Every text meets {@link TextRules} (normalised, or refused
 * naming the character) and every instant the {@link InstantWindow}, here, once, before any command is built.
 */
@Configuration(proxyBeanMethods = false)
class RequestJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequests(InstantWindow window) {
        return builder -> configure(builder, window);
    }

    static JsonMapper.Builder configure(JsonMapper.Builder builder, InstantWindow window) {
        SimpleModule rules = new SimpleModule("ledger-request-rules");
        rules.addDeserializer(String.class, new Text());
        rules.addDeserializer(Instant.class, new WindowedInstant(window));
        return builder.addModule(rules)
                      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                              DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                              DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                               DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                               DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                      .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                      .withCoercionConfigDefaults(config -> config.setAcceptBlankAsEmpty(false))
                      .withCoercionConfig(LogicalType.Integer, RequestJson::onlyItself)
                      .withCoercionConfig(LogicalType.Float, RequestJson::onlyItself)
                      .withCoercionConfig(LogicalType.Boolean, RequestJson::onlyItself)
                      .withCoercionConfig(LogicalType.Enum, RequestJson::onlyItself)
                      .withCoercionConfig(LogicalType.POJO, RequestJson::onlyItself);
    }

    private static void onlyItself(tools.jackson.databind.cfg.MutableCoercionConfig config) {
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
                CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyArray, CoercionInputShape.EmptyObject}) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** A value the rules refuse; its message is in plain words and names no raw character. */
    static final class RefusedValue extends MismatchedInputException {

        RefusedValue(JsonParser parser, String message, Class<?> type) {
            super(parser, message, type);
        }
    }

    /** What a JSON token is, in words, for "must be text in quotes, not a number". */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a text";
            default -> "something else";
        };
    }

    /** Texts: only JSON strings, each normalised by {@link TextRules}. */
    private static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValue(parser, "must be a text in quotes, not " + describe(parser.currentToken()),
                                       String.class);
            }
            try {
                return TextRules.normalise(parser.getString());
            } catch (RefusedInput e) {
                throw new RefusedValue(parser, e.getMessage(), String.class);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Instants: only ISO-8601 strings, within the window. */
    private static final class WindowedInstant extends StdScalarDeserializer<Instant> {

        private final InstantWindow window;

        WindowedInstant(InstantWindow window) {
            super(Instant.class);
            this.window = window;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValue(parser, "must be an ISO-8601 instant in quotes such as "
                        + "\"2026-01-10T09:00:00Z\", not " + describe(parser.currentToken()), Instant.class);
            }
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            try {
                return window.require(instant);
            } catch (RefusedInput e) {
                throw new RefusedValue(parser, e.getMessage(), Instant.class);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
