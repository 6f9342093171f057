package org.consensusledger.eventlog.testing;

import com.mongodb.client.MongoDatabase;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.consensusledger.eventlog.LedgerCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Who owns which collection, as {@code docs/architecture.md} says it in its table "Who owns which collection"
 * ({@code | Collection | Writer | Readers |}, the collection's name and the classes in backticks), turned into
 * architecture rules the applications' tests run on their own classes: a collection is used only by the classes the
 * table names for it, and opened only through {@code LedgerDatabase} by its {@link LedgerCollection}, never by a
 * name written out again.
 */
public final class CollectionOwnership {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    /** One row of the table: the collection's name and the simple names of the classes that may use it. */
    public record Row(String collection, Set<String> writers, Set<String> readers) {
        Set<String> users() {
            Set<String> users = new LinkedHashSet<>(writers);
            users.addAll(readers);
            return users;
        }
    }

    private CollectionOwnership() {
    }

    /** The table's rows by collection name, in the order the table lists them. */
    public static Map<String, Row> table() {
        Path document = architectureDocument();
        List<String> lines;
        try {
            lines = Files.readAllLines(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("|collection|writer|readers|")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!trimmed.startsWith("|")) {
                break;
            }
            String[] cells = trimmed.split("\\|", -1);
            if (cells.length < 4 || cells[1].strip().startsWith("-")) {
                continue;
            }
            Matcher name = CODE.matcher(cells[1]);
            if (!name.find()) {
                throw new IllegalStateException(document + ": a row names no collection in backticks: " + line);
            }
            rows.put(name.group(1), new Row(name.group(1), classNames(cells[2]), classNames(cells[3])));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(document + " has no table | Collection | Writer | Readers |");
        }
        return rows;
    }

    /**
     * Only the classes the table names for a collection use its {@link LedgerCollection} constant (a nested class
     * counts as its outermost class).
     */
    public static ArchRule onlyTheNamedClassesUseEachCollection() {
        Map<String, Row> table = table();
        return classes().should(new ArchCondition<>("use a collection only if docs/architecture.md names them "
                                                            + "as its writer or a reader") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String user = outermost(javaClass).getSimpleName();
                for (JavaFieldAccess access : javaClass.getFieldAccessesFromSelf()) {
                    if (!access.getTargetOwner().isEquivalentTo(LedgerCollection.class)) {
                        continue;
                    }
                    String constant = access.getTarget().getName();
                    String collection;
                    try {
                        collection = LedgerCollection.valueOf(constant).collectionName();
                    } catch (IllegalArgumentException notAConstant) {
                        continue;
                    }
                    Row row = table.get(collection);
                    boolean named = row != null && row.users().contains(user);
                    events.add(new SimpleConditionEvent(access, named, user + " uses " + collection + ", which "
                            + (row == null ? "docs/architecture.md does not list"
                                           : "docs/architecture.md gives to " + row.users() + " only")
                            + " (" + access.getSourceCodeLocation() + ")"));
                }
            }
        });
    }

    /** No class opens a collection by its name: only {@code LedgerDatabase} does, given a {@link LedgerCollection}. */
    public static ArchRule noClassOpensACollectionByName() {
        return noClasses().should().callMethodWhere(new DescribedPredicate<JavaAccess<?>>(
                "a MongoDatabase's getCollection, or LedgerCollection.valueOf/values") {
            @Override
            public boolean test(JavaAccess<?> access) {
                String method = access.getTarget().getName();
                boolean getCollection = method.equals("getCollection")
                        && access.getTargetOwner().isAssignableTo(MongoDatabase.class);
                boolean byName = (method.equals("valueOf") || method.equals("values"))
                        && access.getTargetOwner().isEquivalentTo(LedgerCollection.class);
                return getCollection || byName;
            }
        });
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static Set<String> classNames(String cell) {
        Set<String> names = new LinkedHashSet<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            if (CLASS_NAME.matcher(code.group(1)).matches()) {
                names.add(code.group(1));
            }
        }
        return names;
    }

    private static Path architectureDocument() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("docs").resolve("architecture.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No docs/architecture.md above " + Path.of("").toAbsolutePath());
    }
}
