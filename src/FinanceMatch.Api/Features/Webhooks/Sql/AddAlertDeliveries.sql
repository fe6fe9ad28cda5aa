-- An alertRaised delivery for each alert in $1 and each webhook of its bank, in the transaction that raised the alerts;
-- the body has the shape of WebhookOutbox.Body.
INSERT INTO financematch.webhook_deliveries (id, webhook_id, institution_id, event_id, event_type, payload, status, attempts,
    next_attempt_at, created_at)
SELECT gen_random_uuid(), w.id, a.institution_id, a.id, 'AlertRaised',
    jsonb_build_object('id', a.id, 'type', 'alertRaised', 'occurredAt', a.raised_at, 'data', jsonb_build_object(
        'id', a.id, 'enterpriseId', a.enterprise_id, 'kind', lower(left(a.kind, 1)) || substr(a.kind, 2), 'raisedAt', a.raised_at))::text,
    'Pending', 0, a.raised_at, a.raised_at
FROM financematch.alerts a
JOIN financematch.webhooks w ON w.institution_id = a.institution_id AND 'AlertRaised' = ANY (w.events)
WHERE a.id = ANY ($1)
