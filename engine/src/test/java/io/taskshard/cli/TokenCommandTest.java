package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.auth.Role;
import io.taskshard.auth.TokenSecrets;
import io.taskshard.store.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskshard token create|list|revoke} on a real SQLite file. */
class TokenCommandTest {
    private static final Pattern SECRET = Pattern.compile("tsk_[A-Za-z0-9_-]{43}");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void createPrintsTheSecretOnceAndListNeverShowsIt() {
        Result created = run("token", "create", "--role", "operator", "--name", "alice", "--data", dir.toString());
        assertThat(created.code()).as(created.err()).isZero();
        Matcher m = SECRET.matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        String secret = m.group();
        assertThat(created.out()).contains("alice", "operator", "shown only now");

        Result list = run("token", "list", "--data", dir.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("alice", "operator").doesNotContain(secret)
                .doesNotContain(TokenSecrets.hash(secret)).doesNotContain("tsk_");
        try (TokenStore store = TokenStore.open(dir)) {
            assertThat(store.findByHash(TokenSecrets.hash(secret))).get()
                    .satisfies(t -> assertThat(t.role()).isEqualTo(Role.OPERATOR));
        }
    }

    @Test
    void quietCreatePrintsOnlyTheSecret() {
        Result created = run("token", "create", "--role", "peer", "--name", "ci", "--quiet", "--data", dir.toString());
        assertThat(created.code()).isZero();
        assertThat(created.out().strip()).matches(SECRET);
    }

    @Test
    void revokeMarksTheTokenAndFreesItsName() {
        run("token", "create", "--role", "viewer", "--name", "v", "--data", dir.toString());
        Result revoked = run("token", "revoke", "v", "--data", dir.toString());
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked token 'v'");
        Result list = run("token", "list", "--data", dir.toString());
        assertThat(list.out().lines().filter(l -> l.contains(" v ")).findFirst()).get().asString()
                .doesNotEndWith("-");
        assertThat(run("token", "create", "--role", "viewer", "--name", "v", "--data", dir.toString()).code()).isZero();
        assertThat(run("token", "revoke", "--name", "v", "--data", dir.toString()).code()).isZero();
        assertThat(run("token", "revoke", "--data", dir.toString()).code()).as("no token named").isEqualTo(2);
    }

    @Test
    void badInputGetsAClearAnswerAndExitCode2() {
        Result role = run("token", "create", "--role", "root", "--name", "x", "--data", dir.toString());
        assertThat(role.code()).isEqualTo(2);
        assertThat(role.err()).contains("unknown role 'root'", "peer, viewer, operator, admin");

        run("token", "create", "--role", "admin", "--name", "me", "--data", dir.toString());
        Result twice = run("token", "create", "--role", "admin", "--name", "me", "--data", dir.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("'me' exists already");

        Result missing = run("token", "revoke", "nobody", "--data", dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no live token named 'nobody'");
    }

    @Test
    void serveOnAnOpenAddressWithoutTokensExits2SayingHowToCreateOne() {
        Result r = run("serve", "--bind", "0.0.0.0", "--port", "0", "--data", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0 without API tokens",
                "taskshard token create --role admin --name me --data " + dir);
    }

    @Test
    void helpHasExamples() {
        Result r = run("token", "create", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--role", "--name", "--data", "Examples:");
    }
}
