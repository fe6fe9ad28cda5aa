-- An objectionResolved delivery for each closed objection in $1, to each subscribed webhook of every bank that read the
-- firm's report with the record's scope (as AddObjectionEventAsync does for one objection), in the transaction that
-- closed them; one event id per objection, the body of WebhookOutbox.Body.
WITH closed AS MATERIALIZED (
    SELECT o.id, o.enterprise_id, o.feed_type, o.record_key, o.status, o.resolved_at, gen_random_uuid() AS event_id
    FROM financematch.objections o WHERE o.id = ANY ($1) AND o.status <> 'Open'
)
INSERT INTO financematch.webhook_deliveries (id, webhook_id, institution_id, event_id, event_type, payload, status, attempts,
    next_attempt_at, created_at)
SELECT gen_random_uuid(), w.id, w.institution_id, c.event_id, 'ObjectionResolved',
    jsonb_build_object('id', c.event_id, 'type', 'objectionResolved', 'occurredAt', c.resolved_at, 'data', jsonb_build_object(
        'objectionId', c.id, 'enterpriseId', c.enterprise_id, 'feedType', lower(left(c.feed_type, 1)) || substr(c.feed_type, 2),
        'recordKey', c.record_key, 'status', lower(c.status)))::text,
    'Pending', 0, c.resolved_at, c.resolved_at
FROM closed c
JOIN LATERAL (
    SELECT DISTINCT a.institution_id FROM financematch.report_accesses a
    WHERE a.enterprise_id = c.enterprise_id AND a.institution_id IS NOT NULL AND c.feed_type = ANY (a.scopes)
        AND a.accessed_at <= c.resolved_at
) readers ON true
JOIN financematch.webhooks w ON w.institution_id = readers.institution_id AND 'ObjectionResolved' = ANY (w.events)
RETURNING id
