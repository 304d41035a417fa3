package ua.itdesk.sandbox.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSASLBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.pki.Pki;

/**
 * UnboundID in-memory directory shaped like Active Directory, listening with LDAPS only.
 *
 * <p>Only simple binds are accepted (the service account, or a user with their password; a user may also bind as
 * {@code login@corp.example.com} or {@code CORP\login} as AD allows); anonymous clients can bind but not read.
 * Network clients cannot write: changes come only through this class, as an administrator would make them in AD.
 * A disabled account's correct password is refused with AD's {@code data 533}, a wrong one with {@code data 52e}.
 */
public final class DirectoryStandIn implements AutoCloseable {

    private static final String LISTENER = "LDAPS";

    private static final String BASE_DN = "DC=corp,DC=example,DC=com";
    private static final String PEOPLE_DN = "OU=People," + BASE_DN;
    private static final String GROUPS_DN = "OU=Groups," + BASE_DN;
    private static final String BIND_DN = "CN=svc-itdesk,OU=Service Accounts," + BASE_DN;
    private static final String NETBIOS_PREFIX = "CORP\\";
    private static final int UF_ACCOUNTDISABLE = 0x2;
    private static final String AD_BAD_PASSWORD =
            "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563";
    private static final String AD_ACCOUNT_DISABLED =
            "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 533, v4563";

    private final InMemoryDirectoryServer server;
    private final String bindPassword;

    private DirectoryStandIn(InMemoryDirectoryServer server, String bindPassword) {
        this.server = server;
        this.bindPassword = bindPassword;
    }

    /** Starts on loopback; {@code port} 0 picks any free port. */
    public static DirectoryStandIn start(Pki pki, int port) {
        return start(pki, InetAddress.getLoopbackAddress(), port);
    }

    /** Starts on the given address (for example all interfaces, when the agent runs in another namespace). */
    public static DirectoryStandIn start(Pki pki, InetAddress listenAddress, int port) {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            // AD attribute and class names (sAMAccountName, user, group...) are not in UnboundID's standard schema.
            config.setSchema(null);
            config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE,
                    OperationType.ADD, OperationType.DELETE, OperationType.MODIFY, OperationType.MODIFY_DN,
                    OperationType.EXTENDED);
            config.setMaxSizeLimit(1000); // AD's MaxPageSize: bigger results need the paged results control
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig(LISTENER, listenAddress, port,
                    Pki.sslContext(pki.serviceCert(), pki.serviceKey(), null).getServerSocketFactory(),
                    Pki.sslContext(null, null, pki.caCert()).getSocketFactory()));
            DirectoryStandIn[] self = new DirectoryStandIn[1];
            config.addInMemoryOperationInterceptor(new AdLikeAccessControl(() -> self[0].server));

            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            for (Entry e : SeedPeople.ldifEntries()) {
                server.add(e);
            }
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            server.modify(BIND_DN, new Modification(ModificationType.REPLACE, "userPassword", password));
            self[0] = new DirectoryStandIn(server, password);
            server.startListening();
            return self[0];
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot start the directory stand-in", e);
        }
    }

    /** {@code ldaps://localhost:<port>}. */
    public String ldapsUrl() {
        return "ldaps://localhost:" + port();
    }

    public int port() {
        return server.getListenPort();
    }

    /** {@code DC=corp,DC=example,DC=com}. */
    public String baseDn() {
        return BASE_DN;
    }

    /** The service account, {@code CN=svc-itdesk,OU=Service Accounts,DC=corp,DC=example,DC=com}. */
    public String bindDn() {
        return BIND_DN;
    }

    /** The service account's password, random per start. */
    public String bindPassword() {
        return bindPassword;
    }

    /** {@code CN=IT-Specialists,OU=Groups,...}: its members are the groups IT-Support-L1 and IT-Support-L2. */
    public String specialistGroupDn() {
        return "CN=IT-Specialists," + GROUPS_DN;
    }

    /** {@code CN=IT-Supervisors,OU=Groups,...}. */
    public String supervisorGroupDn() {
        return "CN=IT-Supervisors," + GROUPS_DN;
    }

    /** {@code CN=All-Staff,OU=Groups,...}: every seeded person. */
    public String allStaffGroupDn() {
        return "CN=All-Staff," + GROUPS_DN;
    }

    /** The DN of the user with this {@code employeeID}. */
    public String userDn(String employeeId) {
        try {
            List<SearchResultEntry> found = server.search(PEOPLE_DN, SearchScope.SUB,
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
                            Filter.createEqualityFilter("employeeID", employeeId))).getSearchEntries();
            if (found.isEmpty()) {
                throw new NoSuchElementException("no directory user with employeeID " + employeeId);
            }
            return found.get(0).getDN();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flips the account-disabled bit of {@code userAccountControl} (512 &lt;-&gt; 514), keeping other bits. */
    public void setDisabled(String employeeId, boolean disabled) {
        String dn = userDn(employeeId);
        try {
            int uac = server.getEntry(dn).getAttributeValueAsInteger("userAccountControl");
            int updated = disabled ? uac | UF_ACCOUNTDISABLE : uac & ~UF_ACCOUNTDISABLE;
            server.modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl",
                    Integer.toString(updated)));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces a phone attribute ({@code mobile}, {@code telephoneNumber}...) as typed; null removes it. */
    public void setPhone(String employeeId, String attribute, String value) {
        String dn = userDn(employeeId);
        try {
            Modification m = value == null
                    ? new Modification(ModificationType.REPLACE, attribute)
                    : new Modification(ModificationType.REPLACE, attribute, value);
            server.modify(dn, m);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a user (by employeeID) or a group (by DN) to a group, as nested groups are made in AD. */
    public void addMember(String groupDn, String employeeIdOrDn) {
        changeMembership(groupDn, employeeIdOrDn, ModificationType.ADD);
    }

    public void removeMember(String groupDn, String employeeIdOrDn) {
        changeMembership(groupDn, employeeIdOrDn, ModificationType.DELETE);
    }

    /** Deletes the user, and their memberships, as when someone leaves and IT removes the account. */
    public void deleteUser(String employeeId) {
        String dn = userDn(employeeId);
        try {
            for (SearchResultEntry g : server.search(GROUPS_DN, SearchScope.SUB,
                    Filter.createEqualityFilter("member", dn)).getSearchEntries()) {
                server.modify(g.getDN(), new Modification(ModificationType.DELETE, "member", dn));
            }
            server.delete(dn);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private void changeMembership(String groupDn, String member, ModificationType type) {
        String memberDn = member.contains("=") ? member : userDn(member);
        try {
            server.modify(groupDn, new Modification(type, "member", memberDn));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * false: the directory stops listening and drops its connections, as a server that went down (connections are
     * refused); true: it listens again, on the same port when one was given at the start.
     */
    public synchronized void setAvailable(boolean available) {
        if (!available) {
            server.shutDown(LISTENER, true);
            return;
        }
        try {
            if (server.getListenPort(LISTENER) < 0) {
                server.startListening(LISTENER);
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot listen again", e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** What AD would do for the few operations where UnboundID's in-memory server behaves differently. */
    private static final class AdLikeAccessControl extends InMemoryOperationInterceptor {

        private final Supplier<InMemoryDirectoryServer> server;

        AdLikeAccessControl(Supplier<InMemoryDirectoryServer> server) {
            this.server = server;
        }

        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
            SimpleBindRequest bind = request.getRequest();
            String name = bind.getBindDN();
            if (name.isEmpty()) {
                return;
            }
            String password = bind.getPassword() == null ? "" : bind.getPassword().stringValue();
            Entry user = resolve(name);
            if (user == null) {
                if (!name.contains("=")) {
                    throw new LDAPException(ResultCode.INVALID_CREDENTIALS, AD_BAD_PASSWORD);
                }
                return;
            }
            if (!user.getDN().equals(name)) {
                request.setRequest(new SimpleBindRequest(user.getDN(), password, bind.getControls()));
            }
            Integer uac = user.getAttributeValueAsInteger("userAccountControl");
            boolean disabled = uac != null && (uac & UF_ACCOUNTDISABLE) != 0;
            if (disabled && password.equals(user.getAttributeValue("userPassword"))) {
                throw new LDAPException(ResultCode.INVALID_CREDENTIALS, AD_ACCOUNT_DISABLED);
            }
        }

        @Override
        public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
            BindResult r = result.getResult();
            if (r.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    && !AD_ACCOUNT_DISABLED.equals(r.getDiagnosticMessage())) {
                result.setResult(new BindResult(r.getMessageID(), r.getResultCode(), AD_BAD_PASSWORD,
                        r.getMatchedDN(), r.getReferralURLs(), r.getResponseControls()));
            }
        }

        @Override
        public void processSASLBindRequest(InMemoryInterceptedSASLBindRequest request) throws LDAPException {
            throw new LDAPException(ResultCode.AUTH_METHOD_NOT_SUPPORTED, "only simple binds over LDAPS");
        }

        @Override
        public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
            throw readOnly();
        }

        @Override
        public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
            throw readOnly();
        }

        @Override
        public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
            throw readOnly();
        }

        @Override
        public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) throws LDAPException {
            throw readOnly();
        }

        private static LDAPException readOnly() {
            return new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0");
        }

        /** The entry a bind name denotes: a DN, a userPrincipalName, or a down-level {@code CORP\login}. */
        private Entry resolve(String name) throws LDAPException {
            if (name.contains("=")) {
                return server.get().getEntry(name);
            }
            Filter filter;
            if (name.toUpperCase(Locale.ROOT).startsWith(NETBIOS_PREFIX)) {
                filter = Filter.createEqualityFilter("sAMAccountName", name.substring(NETBIOS_PREFIX.length()));
            } else if (name.contains("@")) {
                filter = Filter.createEqualityFilter("userPrincipalName", name);
            } else {
                return null;
            }
            List<SearchResultEntry> found = server.get().search(BASE_DN, SearchScope.SUB, filter).getSearchEntries();
            return found.size() == 1 ? found.get(0) : null;
        }
    }
}
