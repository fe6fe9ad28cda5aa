-- Each loan of a loanPerformance batch as Loan.Report left it after its last row, in one statement. The batch's
-- transaction holds the loans (FOR UPDATE) since it read them, so nothing else changed them meanwhile.
UPDATE financematch.loans l
SET status = u.status, principal_outstanding = u.principal_outstanding, overdue_days = u.overdue_days,
    last_period = u.last_period, defaulted_on = u.defaulted_on, ended_on = u.ended_on, updated_at = $8
FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::integer[], $5::date[], $6::date[], $7::date[])
    AS u (id, status, principal_outstanding, overdue_days, last_period, defaulted_on, ended_on)
WHERE l.id = u.id
