package ua.itdesk.agent.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.PhoneNumbers;
import ua.itdesk.contracts.v1.Role;

/**
 * The LDAP adapter: a pool of service-account connections over LDAPS (or StartTLS), the normalized phone index,
 * entry reads and group resolution. Timeouts live here (per operation); retries and circuit breaking live in
 * {@link ResilientDirectory}, the only way in from outside the package.
 */
@ApplicationScoped
class LdapDirectory {

    private static final Logger LOG = Logger.getLogger(LdapDirectory.class);
    private static final int UF_ACCOUNTDISABLE = 0x2;
    /** Filter values per OR in one group query, to keep each filter a sane size. */
    private static final int MEMBERS_PER_QUERY = 50;
    private static final String NO_ATTRIBUTES = "1.1";

    private final AgentConfig.Ldap config;
    private final PhoneNumbers numbers;
    private final LdapFilters filters;
    private final RoleMapping roles;
    private final GroupResolver groupResolver;
    private final String[] personAttributes;
    private final PhoneIndexHolder index = new PhoneIndexHolder();
    private volatile LDAPConnectionPool pool;

    LdapDirectory(AgentConfig config, PhoneNumbers numbers) {
        this.config = config.ldap();
        this.numbers = numbers;
        this.filters = new LdapFilters(this.config.userFilter(), this.config.groupFilter(),
                this.config.phoneAttributes(), this.config.employeeIdAttribute());
        this.roles = new RoleMapping(config.roles().specialistGroups().orElse(null),
                config.roles().supervisorGroups().orElse(null));
        this.groupResolver = new GroupResolver(config.roles().maxDepth(), config.roles().maxGroups());
        List<String> attributes = new ArrayList<>(List.of(this.config.employeeIdAttribute(), "displayName", "cn",
                "title", "department", "userAccountControl", "mail"));
        attributes.addAll(this.config.phoneAttributes());
        this.personAttributes = attributes.toArray(String[]::new);
    }

    void onStart(@Observes StartupEvent event) {
        if (roles.isEmpty()) {
            LOG.warn("agent.roles maps no group: everybody will be an employee");
        }
        // Fails start-up on a bad URL or an unreadable CA file; an unreachable server is not an error here.
        try {
            pool();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("invalid agent.ldap configuration: " + e.getMessage(), e);
        }
        LOG.infof("directory %s, base %s, phone attributes %s", config.url(), config.baseDn(),
                config.phoneAttributes());
    }

    @PreDestroy
    void close() {
        LDAPConnectionPool p = pool;
        if (p != null) {
            p.close();
        }
    }

    /**
     * Rebuilds the phone index when it is due; the first check runs right after start-up, off the request path,
     * and a failed build is retried at the next check.
     */
    @Scheduled(identity = "phone-index-refresh", every = "${agent.ldap.index-retry}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshIndexWhenDue() {
        if (index.rebuildDue(Instant.now(), config.indexRefresh())) {
            refreshIndex();
        }
    }

    /** Rebuilds the phone index now, due or not. */
    void refreshIndex() {
        index.rebuild(this::buildIndex);
    }

    Optional<PhoneIndex> currentIndex() {
        return index.current();
    }

    Optional<Exception> lastIndexFailure() {
        return index.lastFailure();
    }

    Optional<DirectoryPerson> findByPhone(String e164) {
        Optional<PhoneIndex> current = index.current();
        if (current.isPresent()) {
            PhoneIndex.Lookup lookup = current.get().lookup(e164);
            if (lookup.match() == PhoneIndex.Match.AMBIGUOUS) {
                LOG.warnf("number %s is held by several directory entries; it cannot be used to log in",
                        PhoneNumbers.mask(e164));
                return Optional.empty();
            }
            if (lookup.match() == PhoneIndex.Match.UNIQUE) {
                Optional<SearchResultEntry> entry = readPerson(lookup.dn());
                if (entry.isPresent() && holdsNumber(entry.get(), e164)) {
                    return toPerson(entry.get());
                }
                LOG.debugf("index entry for %s is stale; searching by spelling", PhoneNumbers.mask(e164));
            }
        }
        return findBySpelling(e164);
    }

    Optional<DirectoryPerson> findByEmployeeId(String employeeId) {
        List<SearchResultEntry> found = search(filters.userWithEmployeeId(employeeId), 2, personAttributes);
        if (found.size() > 1) {
            LOG.warnf("employee id %s is held by several directory entries; refused", employeeId);
            return Optional.empty();
        }
        return found.stream().findFirst().flatMap(this::toPerson);
    }

    Optional<DirectoryPerson> findByMail(String mail) {
        List<SearchResultEntry> found = search(filters.userWithMail(mail), 2, personAttributes);
        if (found.size() > 1) {
            LOG.warnf("an e-mail address is held by %d directory entries; none taken", found.size());
            return Optional.empty();
        }
        return found.stream().findFirst().flatMap(this::toPerson);
    }

    Role roleOf(DirectoryPerson person) {
        GroupResolver.Groups groups = groupResolver.groupsOf(dn(person.dn()), this::groupsWithMemberIn);
        if (groups.truncated()) {
            LOG.warnf("group resolution for %s stopped at the configured limits (%d groups)", person.employeeId(),
                    groups.dns().size());
        }
        return roles.roleFor(groups.dns());
    }

    /** Proves that the service account can bind and read: the base entry is fetched. */
    void ping() {
        try {
            SearchRequest request = new SearchRequest(config.baseDn(), SearchScope.BASE,
                    Filter.createPresenceFilter("objectClass"), NO_ATTRIBUTES);
            request.setResponseTimeoutMillis(config.responseTimeout().toMillis());
            pool().search(request);
        } catch (LDAPException e) {
            throw unavailable("directory ping", e);
        }
    }

    private Optional<DirectoryPerson> findBySpelling(String e164) {
        Set<String> spellings = numbers.commonSpellings(e164);
        if (spellings.isEmpty()) {
            return Optional.empty();
        }
        List<SearchResultEntry> holders = search(filters.usersWithPhoneSpelledAs(spellings), 2, personAttributes)
                .stream().filter(e -> holdsNumber(e, e164)).toList();
        if (holders.size() > 1) {
            LOG.warnf("number %s is held by several directory entries; it cannot be used to log in",
                    PhoneNumbers.mask(e164));
            return Optional.empty();
        }
        return holders.stream().findFirst().flatMap(this::toPerson);
    }

    private PhoneIndex buildIndex() throws LDAPException {
        PhoneIndex.Builder builder = PhoneIndex.builder(numbers);
        SearchRequest request = new SearchRequest(config.baseDn(), SearchScope.SUB, filters.usersWithPhones(),
                filters.phoneAttributes().toArray(String[]::new));
        request.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        // The paging cookie is only valid on the connection that issued it, so one connection serves all pages.
        LDAPConnection connection = pool().getConnection();
        try {
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(config.pageSize(), cookie, true));
                SearchResult page = connection.search(request);
                for (SearchResultEntry entry : page.getSearchEntries()) {
                    builder.add(entry.getDN(), phoneValues(entry));
                }
                SimplePagedResultsControl paging = SimplePagedResultsControl.get(page);
                cookie = paging != null && paging.moreResultsToReturn() ? paging.getCookie() : null;
            } while (cookie != null);
            pool().releaseConnection(connection);
        } catch (LDAPException e) {
            pool().releaseDefunctConnection(connection);
            throw e;
        }
        return builder.build();
    }

    private Set<DN> groupsWithMemberIn(Set<DN> members) {
        Set<DN> parents = new LinkedHashSet<>();
        List<String> batch = new ArrayList<>();
        for (DN member : members) {
            batch.add(member.toString());
            if (batch.size() == MEMBERS_PER_QUERY) {
                parents.addAll(groupDns(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            parents.addAll(groupDns(batch));
        }
        return parents;
    }

    private List<DN> groupDns(List<String> memberDns) {
        List<DN> dns = new ArrayList<>();
        for (SearchResultEntry group : search(filters.groupsWithMemberIn(memberDns), 0, NO_ATTRIBUTES)) {
            dns.add(dn(group.getDN()));
        }
        return dns;
    }

    private Optional<SearchResultEntry> readPerson(String dn) {
        try {
            SearchRequest request = new SearchRequest(dn, SearchScope.BASE, DereferencePolicy.NEVER, 1,
                    timeLimitSeconds(), false, filters.usersWithPhones(), personAttributes);
            request.setResponseTimeoutMillis(config.responseTimeout().toMillis());
            return pool().search(request).getSearchEntries().stream().findFirst();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw unavailable("entry read", e);
        }
    }

    /** A search capped at {@code sizeLimit} entries (0: the server's limit); hitting the cap is not an error. */
    private List<SearchResultEntry> search(Filter filter, int sizeLimit, String... attributes) {
        SearchRequest request = new SearchRequest(config.baseDn(), SearchScope.SUB, DereferencePolicy.NEVER,
                sizeLimit, timeLimitSeconds(), false, filter, attributes);
        request.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        try {
            return pool().search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return e.getSearchEntries();
            }
            throw unavailable("search", e);
        } catch (LDAPException e) {
            throw unavailable("search", e);
        }
    }

    private boolean holdsNumber(SearchResultEntry entry, String e164) {
        return phoneValues(entry).stream().map(numbers::toE164).anyMatch(n -> n.isPresent() && n.get().equals(e164));
    }

    private List<String> phoneValues(SearchResultEntry entry) {
        List<String> values = new ArrayList<>();
        for (String attribute : filters.phoneAttributes()) {
            String[] v = entry.getAttributeValues(attribute);
            if (v != null) {
                values.addAll(List.of(v));
            }
        }
        return values;
    }

    private Optional<DirectoryPerson> toPerson(SearchResultEntry entry) {
        String employeeId = entry.getAttributeValue(config.employeeIdAttribute());
        if (employeeId == null || employeeId.isBlank()) {
            LOG.debugf("entry %s has no %s; it cannot log in", entry.getDN(), config.employeeIdAttribute());
            return Optional.empty();
        }
        String fullName = entry.getAttributeValue("displayName");
        if (fullName == null || fullName.isBlank()) {
            fullName = entry.getAttributeValue("cn");
        }
        return Optional.of(new DirectoryPerson(entry.getDN(), employeeId.strip(), fullName,
                entry.getAttributeValue("title"), entry.getAttributeValue("department"), isDisabled(entry),
                entry.getAttributeValue("mail")));
    }

    /**
     * AD's account-disabled bit. An entry without {@code userAccountControl} (a directory other than AD) counts as
     * enabled; a value that is not a number counts as disabled, because nobody should be let in on a guess.
     */
    private static boolean isDisabled(SearchResultEntry entry) {
        String uac = entry.getAttributeValue("userAccountControl");
        if (uac == null) {
            return false;
        }
        try {
            return (Long.parseLong(uac.strip()) & UF_ACCOUNTDISABLE) != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private int timeLimitSeconds() {
        return (int) Math.max(1, config.responseTimeout().toSeconds());
    }

    private LDAPConnectionPool pool() throws LDAPException {
        LDAPConnectionPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = createPool();
                    pool = p;
                }
            }
        }
        return p;
    }

    private LDAPConnectionPool createPool() throws LDAPException {
        LDAPURL url = new LDAPURL(config.url());
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        if (!ldaps && !"ldap".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("agent.ldap.url must be ldaps:// or ldap:// (StartTLS): " + config.url());
        }
        SSLUtil ssl;
        try {
            ssl = new SSLUtil(new PEMFileTrustManager(config.trustCerts().toFile()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read agent.ldap.trust-certs " + config.trustCerts(), e);
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setFollowReferrals(false);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SimpleBindRequest bind = new SimpleBindRequest(config.bindDn(), config.bindPassword());
        ServerSet server;
        try {
            server = ldaps
                    ? new SingleServerSet(url.getHost(), url.getPort(), ssl.createSSLSocketFactory(), options, bind,
                            null)
                    : new SingleServerSet(url.getHost(), url.getPort(), SocketFactory.getDefault(), options, bind,
                            new StartTLSPostConnectProcessor(ssl.createSSLContext()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the directory", e);
        }
        LDAPConnectionPool created = new LDAPConnectionPool(server, bind, 0, config.poolSize());
        created.setConnectionPoolName("directory");
        created.setMaxWaitTimeMillis(config.responseTimeout().toMillis());
        // Recycled connections pick up a rotated server certificate or a moved DNS name without a restart.
        created.setMaxConnectionAgeMillis(15 * 60 * 1000L);
        created.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH));
        return created;
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("the directory returned an invalid DN", e);
        }
    }

    private static DirectoryUnavailableException unavailable(String what, LDAPException e) {
        return new DirectoryUnavailableException(what + " failed: " + e.getResultCode() + " "
                + Optional.ofNullable(e.getDiagnosticMessage()).orElse(""), e);
    }
}
