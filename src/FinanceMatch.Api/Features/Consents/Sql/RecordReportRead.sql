-- A report read checked and appended to the firm's access chain in one statement (GetReport), run after the firm's chain
-- lock in READ COMMITTED so that the chain's last record is the latest (ReportAccessLog appends the same way). The firm
-- must be verified; a bank needs a consent in force for the purpose asked (ConsentCoverage's definition, spelt here with
-- its statuses as parameters), the widest or the one asked for; an operator reads every scope. Only then is the record
-- written, with the consent's scopes; the report's statements after this one read only the scopes it names. One row
-- while the firm is verified (none: no such firm), its consent and scopes null when no consent covers a bank's read
-- (then nothing was written).
-- $1 the record's id, $2 the firm, $3 accessed at, $4 the canonical string between the previous hash and the consent id
-- ("|id|accessedAt|actorRole|institutionId|", ReportAccessLog.CanonicalHead), $5 the genesis hash, $6 and $7 every
-- scope's name and wire name (in the order an operator's record lists them). A bank: $8 the institution, $9 the purpose
-- and $10 its wire name, $11 and $12 the match and guarantee statuses under which a loan request's consent covers the
-- institution, $13 the consent asked for (variant "consent"). An operator: $8 its client id.
WITH firm AS (
    SELECT e.uscc,
        ARRAY(SELECT DISTINCT o.feed_type FROM financematch.objections o WHERE o.enterprise_id = e.id AND o.status = 'Open')
            AS disputed
    FROM financematch.enterprises e WHERE e.id = $2 AND e.verification = 'Verified'
), reader AS (
    SELECT c.id AS consent_id, c.scopes, 'Bank'::text AS actor_role, $8::uuid AS institution_id, -- only: bank
        NULL::text AS operator_client_id, $9::text AS purpose, $10::text AS purpose_wire -- only: bank
    FROM financematch.consents c -- only: bank
    WHERE c.enterprise_id = $2 AND c.purpose = $9 AND c.status = 'Active' AND c.expires_at > $3 -- only: bank
        AND (c.institution_id = $8 -- only: bank
            OR (c.loan_request_id IS NOT NULL AND EXISTS (SELECT 1 FROM financematch.matches m -- only: bank
                WHERE m.loan_request_id = c.loan_request_id AND m.institution_id = $8 -- only: bank
                    AND m.status = ANY ($11::text[]))) -- only: bank
            OR (c.loan_request_id IS NOT NULL AND EXISTS (SELECT 1 FROM financematch.guarantees g -- only: bank
                WHERE g.loan_request_id = c.loan_request_id AND g.institution_id = $8 -- only: bank
                    AND g.status = ANY ($12::text[])))) -- only: bank
        AND c.id = $13 -- only: consent
    ORDER BY cardinality(c.scopes) DESC, c.created_at DESC LIMIT 1 -- only: bank
    SELECT NULL::uuid AS consent_id, $6::text[] AS scopes, 'Operator'::text AS actor_role, NULL::uuid AS institution_id, -- only: operator
        $8::text AS operator_client_id, NULL::text AS purpose, ''::text AS purpose_wire -- only: operator
), covered AS (
    SELECT reader.*,
        (SELECT coalesce(string_agg(w.wire, ',' ORDER BY s.n), '')
         FROM unnest(reader.scopes) WITH ORDINALITY AS s (name, n)
         JOIN unnest($6::text[], $7::text[]) AS w (name, wire) ON w.name = s.name) AS wire_scopes
    FROM reader WHERE EXISTS (SELECT 1 FROM firm)
), last AS (
    SELECT position, hash FROM financematch.report_accesses WHERE enterprise_id = $2 ORDER BY position DESC LIMIT 1
), next AS (
    SELECT coalesce((SELECT position FROM last), 0) + 1 AS position,
        coalesce((SELECT hash FROM last), $5) AS previous_hash
), appended AS (
    INSERT INTO financematch.report_accesses (id, enterprise_id, actor_role, institution_id, operator_client_id, consent_id, scopes, purpose,
        accessed_at, position, previous_hash, hash)
    SELECT $1, $2, covered.actor_role, covered.institution_id, covered.operator_client_id, covered.consent_id, covered.scopes,
        covered.purpose, $3, next.position, next.previous_hash,
        encode(sha256(convert_to(next.previous_hash || $4 || coalesce(covered.consent_id::text, '') || '|'
            || covered.purpose_wire || '|' || covered.wire_scopes, 'UTF8')), 'hex')
    FROM covered, next
    RETURNING consent_id, scopes, position, hash
), head AS (
    INSERT INTO financematch.report_access_chains (enterprise_id, length, last_hash)
    SELECT $2, position, hash FROM appended
    ON CONFLICT (enterprise_id) DO UPDATE SET length = excluded.length, last_hash = excluded.last_hash
)
SELECT firm.uscc, firm.disputed, appended.consent_id, appended.scopes FROM firm LEFT JOIN appended ON true
