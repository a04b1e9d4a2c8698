"""The front door: referrals about children and contexts, screening, routing and linked young people.

The rules in `timescales`, `routing` and `linking` are pure: plain data in, plain data out, no ORM.
"""
