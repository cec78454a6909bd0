-- title: Conflicting figures
-- description: City, period and metric cells where different articles give different whole-city values (periods folded, as in headline_facts); never resolved automatically.
with picked as (
  select *, row_number() over (
    partition by city, period, metric, article_id
    order by coalesce(currency, 'CNY') != 'CNY', coalesce(label, '') != metric, approx is not null, start
  ) as pick
  from headline_facts
)
select city, period, metric, count(distinct value) as n_values,
       group_concat(distinct round(value / 1e8, 4)) as values_yi,
       group_concat(distinct article_id) as articles
from picked
where pick = 1
group by city, period, metric
having count(distinct value) > 1
order by metric, city, period
