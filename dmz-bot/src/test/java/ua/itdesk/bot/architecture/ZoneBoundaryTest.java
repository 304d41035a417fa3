package ua.itdesk.bot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Z1: the DMZ bot reaches nothing inside the corporate network but the agent, in code and in configuration. */
class ZoneBoundaryTest {

    private static final JavaClasses BOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ua.itdesk.bot");

    /** A word of a key or value: split at dots, dashes, underscores, slashes, colons and camel humps. */
    private static final Pattern WORD_BREAK = Pattern.compile("[._\\-/:\"${}\\s]+|(?<=[a-z])(?=[A-Z])");

    @Test
    void botClassesWereImported() {
        assertThat(BOT.containPackage("ua.itdesk.bot.login")).isTrue();
    }

    /**
     * A package segment that names Jira, LDAP or Atlassian anywhere in it, or is exactly "hr" (as a fragment "hr"
     * is everywhere: java.time.chrono, threads).
     */
    private static final Pattern INTERNAL_PACKAGE = Pattern.compile(
            "(^|\\.)([^.]*(jira|ldap|atlassian)[^.]*|hr)(\\.|$)", Pattern.CASE_INSENSITIVE);

    private static final DescribedPredicate<JavaClass> IN_INTERNAL_SYSTEM_PACKAGE = DescribedPredicate.describe(
            "reside in a package about Jira, LDAP or HR", c -> INTERNAL_PACKAGE.matcher(c.getPackageName()).find());

    private static final ArchRule NO_DIRECTORY_CLIENT = noClasses().that().resideInAPackage("ua.itdesk.bot..")
            .should().dependOnClassesThat().resideInAnyPackage("com.unboundid..", "javax.naming..",
                    "com.sun.jndi..", "org.apache.directory..");

    @Test
    void noBotClassUsesAnLdapOrJndiClient() {
        NO_DIRECTORY_CLIENT.check(BOT);
    }

    @Test
    void theRulesWouldCatchAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(DirectoryLookingFixture.class);

        assertThatThrownBy(() -> NO_DIRECTORY_CLIENT.check(offender)).isInstanceOf(AssertionError.class);
        assertThat(INTERNAL_PACKAGE.matcher("com.atlassian.jira.rest.client").find()).isTrue();
        assertThat(INTERNAL_PACKAGE.matcher("org.example.jiraclient").find()).isTrue();
        assertThat(INTERNAL_PACKAGE.matcher("com.sun.jndi.ldap").find()).isTrue();
        assertThat(INTERNAL_PACKAGE.matcher("ua.itdesk.agent.hr").find()).isTrue();
        assertThat(INTERNAL_PACKAGE.matcher("java.time.chrono").find()).isFalse();
        assertThat(INTERNAL_PACKAGE.matcher("ua.itdesk.bot.login").find()).isFalse();
    }

    /** A class as the rules forbid it; test code, so not part of {@link #BOT}. */
    static final class DirectoryLookingFixture {
        Object lookup() throws javax.naming.NamingException {
            return new javax.naming.InitialContext().lookup("ldap://dc.corp.example.com");
        }
    }

    @Test
    void noBotClassUsesAnythingNamedJiraLdapOrHr() {
        noClasses().that().resideInAPackage("ua.itdesk.bot..")
                .should().dependOnClassesThat(IN_INTERNAL_SYSTEM_PACKAGE)
                .check(BOT);
    }

    @Test
    void noBotPackageIsAboutJiraLdapOrHr() {
        noClasses().should(ArchConditions.be(IN_INTERNAL_SYSTEM_PACKAGE)).check(BOT);
    }

    @Test
    void noConfigurationKeyOrValueMentionsJiraLdapOrHr() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            assertThat(in).as("application.properties on the class path").isNotNull();
            properties.load(in);
        }
        List<String> offending = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (mentionsInternalSystem(key) || mentionsInternalSystem(properties.getProperty(key))) {
                offending.add(key);
            }
        }

        assertThat(properties).isNotEmpty();
        assertThat(offending).isEmpty();
    }

    @Test
    void theWordCheckSeesThroughSeparators() {
        assertThat(mentionsInternalSystem("bot.hr.url")).isTrue();
        assertThat(mentionsInternalSystem("quarkus.rest-client.jira-api.url")).isTrue();
        assertThat(mentionsInternalSystem("ldaps://dc.corp:636")).isTrue();
        assertThat(mentionsInternalSystem("bot.hrApiKey")).isTrue();
        assertThat(mentionsInternalSystem("quarkus.thread-pool.max-threads")).isFalse();
        assertThat(mentionsInternalSystem("bot.login.throttle")).isFalse();
    }

    private static boolean mentionsInternalSystem(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("jira") || lower.contains("ldap") || lower.contains("atlassian")) {
            return true;
        }
        for (String word : WORD_BREAK.split(text)) {
            if (word.equalsIgnoreCase("hr")) {
                return true;
            }
        }
        return false;
    }
}
