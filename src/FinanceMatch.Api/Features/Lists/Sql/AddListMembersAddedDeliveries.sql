-- A listMembersAdded delivery, in the transaction that applied the batch, to each webhook listening for it of each bank
-- subscribed to list $1 that may still see the list: the registered firms among the new members ($2, USCCs) that hold an
-- institution consent for that bank in force at $3, as enterprise ids only (the bank reads their data through that
-- consent, logged). A bank none of whose consenting firms joined gets nothing. One event per bank and batch ($4); the
-- body has the shape of WebhookOutbox.Body. Nothing is sent while the list is not valid ($5, today).
INSERT INTO financematch.webhook_deliveries (id, webhook_id, institution_id, event_id, event_type, payload, status, attempts,
    next_attempt_at, created_at)
SELECT gen_random_uuid(), w.id, sub.institution_id, md5($4::text || sub.institution_id::text)::uuid, 'ListMembersAdded',
    jsonb_build_object('id', md5($4::text || sub.institution_id::text)::uuid, 'type', 'listMembersAdded', 'occurredAt', $3::timestamptz,
        'data', jsonb_build_object('listId', l.id, 'listName', l.name, 'kind', lower(left(l.kind, 1)) || substr(l.kind, 2),
            'enterpriseIds', firms.ids))::text,
    'Pending', 0, $3, $3
FROM financematch.lists l
JOIN financematch.list_subscriptions sub ON sub.list_id = l.id
JOIN financematch.webhooks w ON w.institution_id = sub.institution_id AND 'ListMembersAdded' = ANY (w.events)
CROSS JOIN LATERAL (
    SELECT array_agg(e.id ORDER BY e.id) AS ids
    FROM financematch.enterprises e
    WHERE e.uscc = ANY ($2::char(18)[]) AND e.verification = 'Verified'
      AND EXISTS (SELECT 1 FROM financematch.consents c
                  WHERE c.enterprise_id = e.id AND c.institution_id = sub.institution_id
                    AND c.status = 'Active' AND c.expires_at > $3)
) AS firms
WHERE l.id = $1
  AND (l.shared_with_all_banks OR sub.institution_id = ANY (l.shared_with))
  AND l.valid_from <= $5 AND (l.valid_to IS NULL OR l.valid_to >= $5)
  AND firms.ids IS NOT NULL
