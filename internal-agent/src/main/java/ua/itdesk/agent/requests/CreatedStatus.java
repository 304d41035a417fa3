package ua.itdesk.agent.requests;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * {@code POST /requests} answers 201 Created. The contract's interface stays free of server-specific types, and
 * the server reads JAX-RS annotations from the interface, so the status is set here rather than on the method.
 */
class CreatedStatus {

    @ServerResponseFilter
    public void created(SimpleResourceInfo resource, ContainerResponseContext response) {
        if (response.getStatus() == 200 && resource != null
                && resource.getResourceClass() == RequestsResource.class
                && "create".equals(resource.getMethodName())) {
            response.setStatus(201);
        }
    }
}
