-- @version 22 --------------------------------------------------------------
-- Failed logins are counted per address as well as per login, and the
-- address's count is read by an index: every login (hundreds a second in
-- the registration season) counts the failures from its address, and a
-- spray of guesses from many addresses must not make that a table scan.
CREATE INDEX login_failure_by_addr ON login_failure(addr, at);
