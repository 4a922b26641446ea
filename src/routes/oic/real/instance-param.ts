/**
 * `integrationInstance` (Oracle Integration 3 puts `?integrationInstance=<service
 * instance name>` on every call): declared once in the spec
 * (components/parameters/IntegrationInstance). It selects the service
 * instance the call works on (src/instances/); a call without it works on
 * the default one (--instance-name). The error of a bad value (400 repeated
 * or malformed, 404 unknown under --strict-auth, 503 stopped) is raised by
 * the OIC scope's preParsing hook, after authentication, before the body is
 * read.
 */
export { instanceError as integrationInstanceError } from '../../../instances/select';
