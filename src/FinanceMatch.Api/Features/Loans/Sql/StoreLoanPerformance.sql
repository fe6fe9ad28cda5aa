-- The periods a loanPerformance batch reported (decided row by row by Loan.Report), in one statement: new periods, and
-- periods reported again with other figures.
INSERT INTO financematch.loan_performance (loan_id, period, principal_outstanding, overdue_days, status, batch_id, reported_at)
SELECT r.loan_id, r.period, r.principal_outstanding, r.overdue_days, r.status, $6, $7
FROM unnest($1::uuid[], $2::date[], $3::numeric[], $4::integer[], $5::text[])
    AS r (loan_id, period, principal_outstanding, overdue_days, status)
ON CONFLICT (loan_id, period) DO UPDATE SET principal_outstanding = excluded.principal_outstanding,
    overdue_days = excluded.overdue_days, status = excluded.status, batch_id = excluded.batch_id,
    reported_at = excluded.reported_at
