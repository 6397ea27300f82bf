-- testsuite/bench/real/workload.sql — the sqlite3 benchmark: 200,000 inserts, an index,
-- aggregates, a join, updates and deletes on a file database; run by run-real-bench.sh.
create table t(id integer primary key, k integer, name text, v real);
with recursive c(i) as (select 1 union all select i + 1 from c where i < 200000)
insert into t(k, name, v) select (i * 7919) % 1000, printf('name%06d', (i * 104729) % 200000), i * 0.5 from c;
create index t_k on t(k);
select count(*), sum(v), min(name), max(name) from t;
select k, count(*), round(avg(v), 3) from t where k between 10 and 15 group by k order by k;
select count(*) from t a join t b on a.k = b.k and a.id < b.id where a.k < 3;
update t set v = v * 2 where k % 7 = 0;
delete from t where k % 11 = 0;
select count(*), round(sum(v), 1) from t;
select name from t order by name desc limit 3;
