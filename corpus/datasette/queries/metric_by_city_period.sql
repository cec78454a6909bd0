-- title: Metric by city and period
-- description: Headline whole-city figures of one metric (per article: CNY first, label equal to the metric, earliest mention), in 亿元. Leave metric or city empty for all.
select city, period, metric, round(value / 1e8, 4) as value_yi, currency, label, text, sentence, article_id
from (
  select *, row_number() over (
    partition by city, period, metric, article_id
    order by currency != 'CNY', coalesce(label, '') != metric, start
  ) as pick
  from amounts
  where scope is null and metric is not null and city is not null and period is not null
    and (:metric = '' or metric = :metric)
    and (:city = '' or city = :city)
)
where pick = 1
order by metric, city, period
