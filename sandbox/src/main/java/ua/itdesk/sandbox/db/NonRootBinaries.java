package ua.itdesk.sandbox.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * zonky's PostgreSQL archive with {@code initdb} and {@code pg_ctl} wrapped so that, started by root, they hand the
 * data directory to {@code nobody} and drop to it (PostgreSQL refuses to run as root, and zonky has no option for
 * it). The real programs stay next to the wrappers as {@code *.real}, so PostgreSQL still finds its {@code share}
 * and {@code lib} folders relative to its own location. The repackaged archive is cached in the temp folder.
 */
final class NonRootBinaries implements PgBinaryResolver {

    static final NonRootBinaries INSTANCE = new NonRootBinaries();

    private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");
    private static final String UNPRIVILEGED = "65534"; // nobody/nogroup on Debian-like systems
    private static final String WRAPPER = """
            #!/bin/sh
            # Written by ua.itdesk.sandbox.db.NonRootBinaries: PostgreSQL refuses to run as root.
            real="$0.real"
            if [ "$(id -u)" != 0 ]; then exec "$real" "$@"; fi
            prev=""
            for a in "$@"; do
              if [ "$prev" = "-D" ]; then chown -R %1$s:%1$s "$a"; chmod 700 "$a"; fi
              prev="$a"
            done
            exec setpriv --reuid=%1$s --regid=%1$s --clear-groups "$real" "$@"
            """.formatted(UNPRIVILEGED);

    private NonRootBinaries() {
    }

    /** Whether this process runs as root (the effective uid owns /proc/self). */
    static boolean needed() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        byte[] original;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
            original = in.readAllBytes();
        }
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg",
                "itdesk-nonroot-" + sha256(original).substring(0, 16) + ".txz");
        if (!Files.isRegularFile(cache)) {
            Files.createDirectories(cache.getParent());
            Path tmp = Files.createTempFile(cache.getParent(), "repack", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                repack(original, out);
            }
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.newInputStream(cache);
    }

    private static void repack(byte[] original, OutputStream target) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(original)));
                TarArchiveOutputStream out = new TarArchiveOutputStream(new XZOutputStream(target, new LZMA2Options(1)))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String program = wrappedProgram(e.getName());
                if (program == null) {
                    out.putArchiveEntry(e);
                    in.transferTo(out);
                    out.closeArchiveEntry();
                    continue;
                }
                String realName = e.getName() + ".real";
                TarArchiveEntry real = new TarArchiveEntry(realName);
                real.setSize(e.getSize());
                real.setMode(0755);
                out.putArchiveEntry(real);
                in.transferTo(out);
                out.closeArchiveEntry();

                byte[] script = WRAPPER.getBytes(StandardCharsets.US_ASCII);
                TarArchiveEntry wrapper = new TarArchiveEntry(e.getName());
                wrapper.setSize(script.length);
                wrapper.setMode(0755);
                out.putArchiveEntry(wrapper);
                out.write(script);
                out.closeArchiveEntry();
            }
        }
    }

    private static String wrappedProgram(String entryName) {
        String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        if (!name.startsWith("bin/")) {
            return null;
        }
        String program = name.substring(4);
        return WRAPPED.contains(program) ? program : null;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
