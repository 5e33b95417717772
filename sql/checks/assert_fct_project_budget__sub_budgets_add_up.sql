-- Sub-project budgets that do not add up to their project's budget (±0.01), within one document.
with budgets as (
    select * from fct_project_budget where is_current
),

projects as (
    select document_id, project_name, budget_wan
    from budgets
    where budget_wan is not null
),

sub_projects as (
    select
        document_id,
        parent_project_name,
        sum(budget_wan) as sub_budget_wan,
        count(*)::bigint as sub_projects,
        count(budget_wan)::bigint as sub_projects_with_budget
    from budgets
    where is_sub_project
    group by document_id, parent_project_name
),

final as (
    select
        p.document_id,
        'project ' || p.project_name || ': sub-project budgets add up to ' || format('{:.10g}', s.sub_budget_wan::double)
            || ' 万元, project budget is ' || format('{:.10g}', p.budget_wan::double) || ' 万元' as detail
    from projects as p
    join sub_projects as s on s.document_id = p.document_id and s.parent_project_name = p.project_name
    where s.sub_projects = s.sub_projects_with_budget
      and abs(s.sub_budget_wan - p.budget_wan) > 0.01
)

select * from final
