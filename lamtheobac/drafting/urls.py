from django.urls import path

from lamtheobac.drafting import views

app_name = "drafting"
urlpatterns = [
    path("<str:kind>/<int:pk>/", views.draft, name="draft"),
    path("ban-soan/<int:pk>/tai-ve", views.download, name="download"),
]
