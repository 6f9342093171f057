package org.consensusledger.query.site;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The auditors' verifier jar this query side was built with: module {@code verifier}'s shaded jar, which the build
 * copies into the query side's classes ({@value #RESOURCE}, see query-side/pom.xml) so that the ledger serves the
 * tool that checks it, with its SHA-256. Absent when the classes were not packaged (e.g. {@code mvn test}): the
 * {@code /verify} page then says so.
 */
@Component
class VerifierJar {

    static final String FILE_NAME = "consensus-ledger-verifier.jar";
    static final String RESOURCE = "verifier/" + FILE_NAME;

    /** The jar's SHA-256 (hex) and its size in bytes. */
    record Digest(String sha256, long size) {
    }

    private final Resource jar = new ClassPathResource(RESOURCE);
    private volatile Digest digest;

    /** The jar's digest, read once; empty when this build holds no verifier jar. */
    Optional<Digest> digest() {
        if (!jar.exists()) {
            return Optional.empty();
        }
        Digest known = digest;
        if (known == null) {
            known = read();
            digest = known;
        }
        return Optional.of(known);
    }

    Resource resource() {
        return jar;
    }

    private Digest read() {
        try (DigestInputStream in = new DigestInputStream(jar.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
            long size = in.transferTo(java.io.OutputStream.nullOutputStream());
            return new Digest(HexFormat.of().formatHex(in.getMessageDigest().digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the verifier jar " + RESOURCE, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
