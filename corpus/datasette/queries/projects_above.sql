-- title: Projects above a threshold
-- description: Projects whose stated investment is at least min_yi 亿 (in the project's currency), largest first.
select name, round(investment / 1e8, 4) as investment_yi, currency, stage, investor, city, sentence, article_id
from projects
where investment >= cast(coalesce(nullif(:min_yi, ''), '10') as real) * 1e8
order by investment desc
